package dev.ebpm.registry.web;

import java.util.List;

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
            b.append("<rect x=\"").append(tenths(i * bar + 0.5)).append("\" y=\"").append(tenths(HEIGHT - h))
                .append("\" width=\"").append(tenths(Math.max(1, bar - 1))).append("\" height=\"").append(tenths(h))
                .append("\"><title>").append(n).append("</title></rect>");
        }
        return b.append("</svg>").toString();
    }

    /** One decimal, as SVG wants it whatever the locale (String.format costs more than the rest of the chart). */
    private static String tenths(double v) {
        long t = Math.round(v * 10);
        return (t / 10) + "." + (t % 10);
    }
}
