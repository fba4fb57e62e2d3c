package dev.ebpm.ecli.output;

import java.util.TimeZone;

/**
 * The local time of day as {@code HH:mm:ss}, computed once per second rather than once per event, and
 * without java.time's formatter, whose set-up is a noticeable part of a short run's start.
 */
public final class Clock {
    private final TimeZone zone = TimeZone.getDefault();
    private long second = -1;
    private String text = "";

    public synchronized String now() {
        long millis = System.currentTimeMillis();
        long s = millis / 1000;
        if (s != second) {
            second = s;
            long local = Math.floorMod((millis + zone.getOffset(millis)) / 1000, 86_400L);
            text = two(local / 3600) + ":" + two(local / 60 % 60) + ":" + two(local % 60);
        }
        return text;
    }

    private static String two(long v) {
        return v < 10 ? "0" + v : Long.toString(v);
    }
}
