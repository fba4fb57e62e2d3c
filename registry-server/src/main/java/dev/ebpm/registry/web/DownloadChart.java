package dev.ebpm.registry.web;

import java.util.List;
import java.util.Locale;

/** A small inline SVG bar chart of daily downloads, with a text equivalent for screen readers. */
public final class DownloadChart {
    private static final int WIDTH = 300;
    private static final int HEIGHT = 60;

    private DownloadChart() {
    }

    public static String svg(List<Long> perDay) {
        long max = Math.max(1, perDay.stream().mapToLong(Long::longValue).max().orElse(1));
        long total = perDay.stream().mapToLong(Long::longValue).sum();
        double bar = (double) WIDTH / perDay.size();
        StringBuilder b = new StringBuilder("<svg class=\"chart\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT
            + "\" role=\"img\" aria-label=\"Downloads per day over the last " + perDay.size() + " days: " + total
            + " in total\"><title>" + total + " downloads in the last " + perDay.size() + " days</title>");
        for (int i = 0; i < perDay.size(); i++) {
            long n = perDay.get(i);
            double h = n == 0 ? 1 : Math.max(2, (double) n * (HEIGHT - 2) / max);
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">"
                + "<title>%d</title></rect>", i * bar + 0.5, HEIGHT - h, Math.max(1, bar - 1), h, n));
        }
        return b.append("</svg>").toString();
    }
}
