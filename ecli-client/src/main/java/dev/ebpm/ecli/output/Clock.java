package dev.ebpm.ecli.output;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** The local time of day as {@code HH:mm:ss}, formatted once per second rather than once per event. */
public final class Clock {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("HH:mm:ss");
    private long second = -1;
    private String text = "";

    public synchronized String now() {
        long s = System.currentTimeMillis() / 1000;
        if (s != second) {
            second = s;
            text = LocalTime.now().format(FORMAT);
        }
        return text;
    }
}
