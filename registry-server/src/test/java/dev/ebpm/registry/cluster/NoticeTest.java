package dev.ebpm.registry.cluster;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NoticeTest {
    @Test
    void aNoticeReadsBackAsItWasSent() {
        List<String> payloads = Notice.payloads("abcd1234", ClusterChange.PACKAGE, List.of("tools/opensnoop"), 1);
        assertThat(payloads).containsExactly("abcd1234 package tools/opensnoop");
        Notice n = Notice.parse(payloads.get(0)).orElseThrow();
        assertThat(n.origin()).isEqualTo("abcd1234");
        assertThat(n.change()).isEqualTo(new ClusterChange(ClusterChange.PACKAGE, List.of("tools/opensnoop")));
    }

    @Test
    void longListsAreSplitUnderPostgresPayloadLimitKeepingTheRepository() {
        List<String> details = new ArrayList<>(List.of("repo"));
        for (int i = 0; i < 500; i++) {
            details.add("sha256:" + String.format("%064x", i));
        }
        List<String> payloads = Notice.payloads("o", ClusterChange.UNLINKED, details, 1);
        assertThat(payloads).hasSizeGreaterThan(1).allSatisfy(p -> {
            assertThat(p.length()).isLessThanOrEqualTo(Notice.MAX_PAYLOAD);
            assertThat(p).startsWith("o unlinked repo sha256:");
        });
        List<String> back = payloads.stream().flatMap(p -> Notice.parse(p).orElseThrow().change().details()
            .subList(1, Notice.parse(p).orElseThrow().change().details().size()).stream()).toList();
        assertThat(back).isEqualTo(details.subList(1, details.size()));
    }

    @Test
    void malformedPayloadsAreIgnored() {
        assertThat(Notice.parse("")).isEmpty();
        assertThat(Notice.parse("justone")).isEmpty();
        assertThat(Notice.parse(null)).isEmpty();
        assertThat(Notice.parse("o package " + "x ".repeat(5000))).isEmpty();
    }

    @Test
    void everythingMatchesEveryTopic() {
        assertThat(ClusterChange.everything().is(ClusterChange.DELETED)).isTrue();
        assertThat(new ClusterChange(ClusterChange.PACKAGE, List.of()).is(ClusterChange.DELETED)).isFalse();
    }
}
