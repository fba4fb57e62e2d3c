package dev.ebpm.registry.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The text of one notification: {@code ORIGIN TOPIC DETAIL...}, space-separated (names, repositories and
 * digests have no spaces). PostgreSQL refuses payloads of 8000 bytes or more, so a long list of details is
 * split over several notices that repeat the leading ones.
 */
record Notice(String origin, ClusterChange change) {
    static final int MAX_PAYLOAD = 7900;
    private static final int MAX_DETAILS = 1000;

    String payload() {
        return origin + " " + change.topic() + (change.details().isEmpty() ? "" : " " + String.join(" ",
            change.details()));
    }

    /**
     * The payloads announcing {@code details}: each keeps the first {@code fixed} details (e.g. the repository)
     * and as many of the rest as fit.
     */
    static List<String> payloads(String origin, String topic, List<String> details, int fixed) {
        List<String> head = details.subList(0, fixed);
        List<String> rest = details.subList(fixed, details.size());
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        String prefix = origin + " " + topic + (head.isEmpty() ? "" : " " + String.join(" ", head));
        b.append(prefix);
        boolean any = false;
        for (String d : rest) {
            if (b.length() + 1 + d.length() > MAX_PAYLOAD && any) {
                out.add(b.toString());
                b.setLength(0);
                b.append(prefix);
                any = false;
            }
            b.append(' ').append(d);
            any = true;
        }
        if (any || rest.isEmpty()) {
            out.add(b.toString());
        }
        return out;
    }

    /** A payload read back; anything malformed (no origin or topic, too many words) is ignored. */
    static Optional<Notice> parse(String payload) {
        if (payload == null || payload.isEmpty() || payload.length() > MAX_PAYLOAD + 1000) {
            return Optional.empty();
        }
        String[] words = payload.split(" ");
        if (words.length < 2 || words.length > MAX_DETAILS + 2) {
            return Optional.empty();
        }
        return Optional.of(new Notice(words[0], new ClusterChange(words[1],
            Arrays.asList(words).subList(2, words.length))));
    }
}
