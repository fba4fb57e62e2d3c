package dev.ebpm.format.reference;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class NamesAndVersionsTest {
    @Test
    void packageNamesFollowOciRepositoryRules() {
        assertThat(Stream.of("sigsnoop", "tools/sigsnoop", "a.b_c-d", "a__b", "x1/y-2"))
            .allMatch(PackageName::isValid);
        assertThat(Stream.of("", "SigSnoop", "-x", "x-", "a//b", "x1/y-2/z", "a/", "a b", "a..b", "ünicode"))
            .noneMatch(PackageName::isValid);
        assertThat(PackageName.suggestFrom("My_Tool.bpf")).isEqualTo("my_tool.bpf");
    }

    @Test
    void versionsOrderBySemverPrecedence() {
        List<String> sorted = Stream.of("1.0.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "0.9.10", "0.9.9", "10.0.0", "2.0.0")
            .map(SemVer::parse).sorted().map(SemVer::toString).toList();
        assertThat(sorted).containsExactly("0.9.9", "0.9.10", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
            "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2.0.0", "10.0.0");
        assertThat(Stream.of("1", "1.0", "01.0.0", "1.0.0-", "v1.0.0", "1.0.0+")).noneMatch(SemVer::isValid);
        assertThat(SemVer.parse("1.0.0-rc.1").isPreRelease()).isTrue();
    }
}
