package dev.formbridge.e2e.benchmark;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitUntilState;
import java.util.Set;
import java.util.regex.Pattern;

/** The portal's Submissions view in the browser, timed from a fresh navigation to the rows of its first page. */
final class SubmissionsPage {
    /** The text of the grid's "Submission" column: a link whose text is the id. */
    private static final Pattern SUBMISSION_ID = Pattern.compile("^sub_[0-9A-Z]{26}$");

    private SubmissionsPage() {}

    /** Milliseconds from the navigation to the first row and to all {@code rows} rows, and the ids shown. */
    record Visit(double firstRow, double wholePage, Set<String> ids) {}

    /** Leaves the portal, then opens {@code <portal>/submissions} and waits until the first page shows {@code rows}. */
    static Visit visit(Page page, String portalUrl, int rows) {
        page.navigate("about:blank");
        long start = System.nanoTime();
        // returns as soon as the new document replaces the old one: the waits below time the rendering
        page.navigate(portalUrl + "/submissions", new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
        Locator ids = page.getByText(SUBMISSION_ID);
        ids.first().waitFor();
        double firstRow = millisSince(start);
        assertThat(ids).hasCount(rows);
        double wholePage = millisSince(start);
        return new Visit(firstRow, wholePage, Set.copyOf(ids.allTextContents()));
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
