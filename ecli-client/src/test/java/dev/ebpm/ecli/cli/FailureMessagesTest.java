package dev.ebpm.ecli.cli;

import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.testing.TestPackages;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What a user sees when a command cannot run: one line, the right exit code, no Java in it. */
class FailureMessagesTest {
    private record Result(int exit, String err) {
    }

    private static Result ecli(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Ecli.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true,
            StandardCharsets.UTF_8));
        return new Result(exit, err.toString(StandardCharsets.UTF_8));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void anUnreachableRegistryIsExitFiveInOneLine() throws Exception {
        int port = closedPort();
        Result r = ecli("search", "--registry", "http://127.0.0.1:" + port, "sig");
        assertThat(r.exit()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err()).isEqualTo("ecli: error: cannot reach the registry at http://127.0.0.1:" + port
            + " (connection refused: is it running?); --registry or ECLI_REGISTRY choose another\n");
    }

    @Test
    void aBadPullPolicyIsRefusedEvenForAFile() {
        Result r = ecli("run", "--pull", "sometimes", TestPackages.example("opensnoop").toString(), "--dry-run");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("ecli: --pull: expected always, missing or never, got \"sometimes\"\n");
        Result after = ecli("run", TestPackages.example("opensnoop").toString(), "--pull=sometimes");
        assertThat(after.exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void missingFilesGroupsWithoutASubcommandAndBadReferencesAreOneLine() {
        Result missing = ecli("run", "/nonexistent/package.json");
        assertThat(missing.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(missing.err()).isEqualTo("ecli: error: /nonexistent/package.json: no such file\n");
        Result group = ecli("cache");
        assertThat(group.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(group.err()).contains("Usage: ecli cache").contains("ls").contains("clean").contains("import");
        Result ref = ecli("pull", "Bad Name");
        assertThat(ref.exit()).isEqualTo(ExitCodes.USAGE);
        for (Result x : new Result[] {missing, group, ref}) {
            assertThat(x.err()).doesNotContain("Exception").doesNotContain("java.").doesNotContain("\tat ");
        }
    }

    @Test
    void aProgramFlagNamedLikeAnEcliOptionGoesAfterDoubleDash() {
        // opensnoop has no --duration flag: after --, it is the program's and so unknown.
        Result r = ecli("run", TestPackages.example("opensnoop").toString(), "--dry-run", "--", "--duration", "1");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("ecli: error: unknown flag '--duration' for opensnoop (ecli run PACKAGE --help "
            + "lists them)\n");
    }
}
