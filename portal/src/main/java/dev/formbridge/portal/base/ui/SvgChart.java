package dev.formbridge.portal.base.ui;

import com.vaadin.flow.component.Html;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small line chart rendered on the server as inline SVG: no JavaScript, no frontend build, nothing for the CSP to
 * allow. Each point has a tooltip ({@code <title>}); the chart has a text alternative for screen readers.
 */
public final class SvgChart {
    private static final String[] COLOURS = {"#1a56db", "#0e9f6e", "#e02424", "#ff8a4c", "#7e3af2", "#6b7280"};
    private static final int WIDTH = 640;
    private static final int HEIGHT = 220;
    private static final int LEFT = 48;
    private static final int RIGHT = 12;
    private static final int TOP = 16;
    private static final int BOTTOM = 28;

    private final String title;
    private final List<String> labels;
    private final Map<String, long[]> series = new LinkedHashMap<>();

    /** A chart of values over {@code labels} (one label per point, e.g. bucket start times). */
    public SvgChart(String title, List<String> labels) {
        this.title = title;
        this.labels = List.copyOf(labels);
    }

    public SvgChart series(String name, long[] values) {
        if (values.length != labels.size()) {
            throw new IllegalArgumentException(
                    "series " + name + " has " + values.length + " points, not " + labels.size());
        }
        series.put(name, values.clone());
        return this;
    }

    /** The chart as a component. */
    public Html component() {
        return new Html(svg());
    }

    /** The SVG markup (package-visible for tests). */
    String svg() {
        long max = Math.max(
                1,
                series.values().stream()
                        .flatMapToLong(java.util.Arrays::stream)
                        .max()
                        .orElse(0));
        long top = Math.max(4, niceCeiling(max)); // at least 4, so the five axis labels are distinct
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"fb-chart\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" aria-label=\"")
                .append(escape(summary()))
                .append("\">");
        svg.append("<title>").append(escape(title)).append("</title>");
        for (int i = 0; i <= 4; i++) {
            double y = TOP + (HEIGHT - TOP - BOTTOM) * (1 - i / 4.0);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e7eb\"/>",
                    LEFT,
                    y,
                    WIDTH - RIGHT,
                    y));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\" fill=\"#6b7280\">%s</text>",
                    LEFT - 6,
                    y + 3,
                    tick(top, i)));
        }
        if (!labels.isEmpty()) {
            svg.append(axisLabel(0)).append(axisLabel(labels.size() - 1));
        }
        int colour = 0;
        int legendX = LEFT;
        for (var entry : series.entrySet()) {
            String stroke = COLOURS[colour++ % COLOURS.length];
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
                    .append(stroke)
                    .append("\" points=\"");
            long[] values = entry.getValue();
            for (int i = 0; i < values.length; i++) {
                svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(i), y(values[i], top)));
            }
            svg.append("\"/>");
            for (int i = 0; i < values.length; i++) {
                if (values[i] > 0) {
                    svg.append(String.format(
                                    Locale.ROOT,
                                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>",
                                    x(i),
                                    y(values[i], top),
                                    stroke))
                            .append(escape(entry.getKey() + " " + labels.get(i) + ": " + values[i]))
                            .append("</title></circle>");
                }
            }
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>",
                    legendX,
                    HEIGHT - 12,
                    stroke));
            svg.append(String.format(
                            Locale.ROOT,
                            "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#374151\">",
                            legendX + 14,
                            HEIGHT - 3))
                    .append(escape(entry.getKey()))
                    .append("</text>");
            legendX += 24 + entry.getKey().length() * 7;
        }
        return svg.append("</svg>").toString();
    }

    /** The label of the {@code i}-th of five axis ticks: whole numbers as such, others with their fraction. */
    private static String tick(long top, int i) {
        double value = top * i / 4.0;
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private String summary() {
        StringBuilder text = new StringBuilder(title).append(": ");
        series.forEach((name, values) -> text.append(name)
                .append(" total ")
                .append(java.util.Arrays.stream(values).sum())
                .append("; "));
        return text.toString();
    }

    private String axisLabel(int index) {
        return String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"%s\" fill=\"#6b7280\">",
                        x(index),
                        HEIGHT - BOTTOM + 12,
                        index == 0 ? "start" : "end")
                + escape(labels.get(index)) + "</text>";
    }

    private double x(int index) {
        int points = Math.max(1, labels.size() - 1);
        return LEFT + (WIDTH - LEFT - RIGHT) * (double) index / points;
    }

    private static double y(long value, long top) {
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (double) value / top);
    }

    /** 1, 2, 5 × 10^n at or above {@code max}, so the axis has round numbers. */
    static long niceCeiling(long max) {
        long magnitude = 1;
        while (magnitude * 10 <= max) {
            magnitude *= 10;
        }
        for (long step : new long[] {1, 2, 4, 5, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
