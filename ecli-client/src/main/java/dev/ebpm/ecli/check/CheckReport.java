package dev.ebpm.ecli.check;

import java.util.List;

/**
 * The verdict on one package here: problems that stop every program (privileges, BTF, a map type), each
 * program's own, and notes that stop nothing (what could not be probed, the kernel release against the
 * lowest mainline release the package needs).
 */
public record CheckReport(String kernel, String minKernel, List<String> problems, List<Program> programs,
                          List<String> notes) {
    /** One program: its name and section, and why it cannot run here (empty: it can). */
    public record Program(String name, String section, List<String> problems) {
        public boolean runs() {
            return problems.isEmpty();
        }
    }

    public boolean runnable() {
        return problems.isEmpty() && programs.stream().allMatch(Program::runs);
    }

    /** The first reason it cannot run, as one line naming the program; null when it can. */
    public String firstProblem() {
        if (!problems.isEmpty()) {
            return problems.get(0);
        }
        for (Program p : programs) {
            if (!p.runs()) {
                return "program '" + p.name() + "' (" + p.section() + ") cannot run here: " + p.problems().get(0);
            }
        }
        return null;
    }
}
