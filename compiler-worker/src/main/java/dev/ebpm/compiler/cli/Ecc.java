package dev.ebpm.compiler.cli;

import dev.ebpm.compiler.BpfCompiler;
import dev.ebpm.compiler.BuildLog;
import dev.ebpm.compiler.CompileException;
import dev.ebpm.compiler.CompileRequest;
import dev.ebpm.compiler.CompileResult;
import dev.ebpm.compiler.headers.BuildCache;
import dev.ebpm.compiler.toolchain.Bubblewrap;
import dev.ebpm.compiler.toolchain.SandboxLimits;
import dev.ebpm.compiler.toolchain.Toolchain;
import dev.ebpm.format.files.AtomicFiles;
import dev.ebpm.format.meta.ObjectMeta;
import dev.ebpm.format.options.UsageException;
import dev.ebpm.format.provenance.BuildEnvironment;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/** The {@code ecc} command: compile a .bpf.c source into a package. Messages go to stderr. */
public final class Ecc {
    private Ecc() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs ecc; help and version go to {@code out}, everything else to {@code err}. Returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        EccOptions options;
        try {
            options = EccOptions.parse(args);
        } catch (UsageException e) {
            err.println("ecc: " + e.getMessage());
            err.println("Try 'ecc --help' for more information.");
            return ExitCodes.USAGE;
        }
        if (options.help) {
            out.print(EccOptions.usage());
            return ExitCodes.OK;
        }
        if (options.showVersion) {
            out.println("ecc (ebpm) " + version());
            out.println("writes eunomia-bpf package format " + ObjectMeta.EUNOMIA_FORMAT_VERSION);
            return ExitCodes.OK;
        }
        try {
            CompileResult result = compile(options, err);
            if (options.environment != null) {
                AtomicFiles.write(options.environment, new BuildEnvironment("ecc", result.tools(), result.sandbox())
                    .toBytes());
            }
            Path cwd = Path.of("").toAbsolutePath();
            for (Path f : result.written()) {
                err.println("wrote " + (f.startsWith(cwd) ? cwd.relativize(f) : f)
                    + (f.equals(result.ebpmFile()) ? " (" + result.ebpmDigest() + ")" : ""));
            }
            return ExitCodes.OK;
        } catch (CompileException e) {
            if (!e.details().isBlank()) {
                err.print(e.details().endsWith("\n") ? e.details() : e.details() + "\n");
            }
            err.println("ecc: error: " + e.getMessage());
            if (options.verbose) {
                e.printStackTrace(err);
            }
            return ExitCodes.FAILED;
        } catch (IOException e) {
            err.println("ecc: error: cannot write " + options.environment + ": " + e.getMessage());
            return ExitCodes.FAILED;
        } catch (RuntimeException e) {
            err.println("ecc: internal error: " + (e.getMessage() == null ? "an unexpected failure" : e.getMessage())
                + " (please report this; -v shows the stack trace)");
            if (options.verbose) {
                e.printStackTrace(err);
            }
            return ExitCodes.INTERNAL;
        }
    }

    private static CompileResult compile(EccOptions o, PrintStream err) throws CompileException {
        CompileRequest request = new CompileRequest(o.source, o.exportHeader, o.output, o.includeDirs, o.cflags,
            o.vmlinux, new CompileRequest.PackageOptions(o.name, o.version, o.description, o.license, o.keywords,
                o.readme), o.yaml, new Toolchain.Overrides(o.clang, o.llvmStrip, o.bpftool), o.wasm, o.btfgen,
            o.targetArch);
        BuildLog log = new BuildLog(err, o.verbose);
        return new BpfCompiler(BuildCache.defaultLocation(), log, Duration.ofMinutes(5),
            o.sandbox ? Bubblewrap.locate(SandboxLimits.DEFAULT) : null, !o.noPch).compile(request);
    }

    private static String version() {
        Properties p = new Properties();
        try (InputStream in = Ecc.class.getResourceAsStream("/ecc.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // An unknown version is shown as such.
        }
        return p.getProperty("ecc.version", "unknown");
    }
}
