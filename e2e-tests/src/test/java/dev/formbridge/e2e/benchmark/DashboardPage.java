package dev.formbridge.e2e.benchmark;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitUntilState;
import dev.formbridge.metrics.Range;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The portal's dashboard in the browser: a fresh navigation (its default tab is "Last hour"), then a click on "Last 30
 * days" and one on "Last day", each timed to its first chart and to its totals. A chart counts when an inline
 * {@code svg.fb-chart} of the new render is laid out (non-empty box) and its text alternative names the expected
 * accepted total; the totals when the card {@code #total-accepted} of the new render shows it. Both are checked on
 * every animation frame in the page.
 */
final class DashboardPage {
    private static final String MARK_OLD = "() => document.querySelectorAll('svg.fb-chart, #total-accepted')"
            + ".forEach(e => e.setAttribute('data-bench-old', ''))";
    private static final String CHART_SHOWS = """
            values => [...document.querySelectorAll('svg.fb-chart:not([data-bench-old])')].some(svg => {
              const total = /accepted total (\\d+);/.exec(svg.getAttribute('aria-label') || '');
              const box = svg.getBoundingClientRect();
              return total !== null && values.includes(Number(total[1])) && box.width > 0 && box.height > 0;
            })""";
    private static final String TOTALS_SHOW = """
            values => {
              const card = document.querySelector('#total-accepted:not([data-bench-old])');
              const shown = card ? /(\\d+)$/.exec(card.innerText.trim()) : null;
              return shown !== null && values.includes(Number(shown[1])) ? shown[1] : false;
            }""";

    private DashboardPage() {}

    /**
     * Milliseconds to a tab's first chart and to its totals, the accepted count the totals showed, and when the chart
     * appeared ({@link System#nanoTime()}).
     */
    record Shown(double chart, double totals, long accepted, long chartAt) {}

    /**
     * One visit: "Last hour" timed from the navigation, the other two from their clicks; {@code navigationToMonth} is
     * the time from the navigation to the 30-day chart (the first chart, then the click).
     */
    record Visit(Map<Range, Shown> ranges, double navigationToMonth) {
        Shown of(Range range) {
            return ranges.get(range);
        }
    }

    /**
     * Leaves the portal, opens {@code <portal>/dashboard} and clicks through the tabs; {@code expected} gives the
     * accepted totals the dashboard may show for a range now (two near a bucket boundary).
     */
    static Visit visit(Page page, String portalUrl, Function<Range, List<Long>> expected) {
        Map<Range, Shown> ranges = new EnumMap<>(Range.class);
        page.navigate("about:blank");
        long start = System.nanoTime();
        // returns as soon as the new document replaces the old one: the waits below time the rendering
        page.navigate(portalUrl + "/dashboard", new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
        ranges.put(Range.LAST_HOUR, shown(page, start, expected.apply(Range.LAST_HOUR)));
        ranges.put(Range.LAST_30_DAYS, click(page, "Last 30 days", expected.apply(Range.LAST_30_DAYS)));
        double navigationToMonth = (ranges.get(Range.LAST_30_DAYS).chartAt() - start) / 1e6;
        ranges.put(Range.LAST_DAY, click(page, "Last day", expected.apply(Range.LAST_DAY)));
        return new Visit(ranges, navigationToMonth);
    }

    private static Shown click(Page page, String tab, List<Long> expected) {
        page.evaluate(MARK_OLD);
        long start = System.nanoTime();
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(tab).setExact(true))
                .click();
        return shown(page, start, expected);
    }

    private static Shown shown(Page page, long start, List<Long> expected) {
        // Playwright passes numbers as Integer or Double, not Long
        List<Double> values = expected.stream().map(Long::doubleValue).toList();
        page.waitForFunction(CHART_SHOWS, values);
        long chartAt = System.nanoTime();
        Object accepted = page.waitForFunction(TOTALS_SHOW, values).jsonValue();
        long totalsAt = System.nanoTime();
        return new Shown(
                (chartAt - start) / 1e6, (totalsAt - start) / 1e6, Long.parseLong(String.valueOf(accepted)), chartAt);
    }
}
