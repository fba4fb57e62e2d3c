package dev.ebpm.format.requirements;

import java.util.List;

/**
 * What one program needs: its section and kind (as {@code SectionKind}, lower case), the kernel program type
 * it loads as (null when ebpm does not know the section), what it attaches to, the helpers it calls (names
 * without {@code bpf_}, or {@code #N} for one newer than ebpm's table), whether it needs BPF trampolines
 * (fentry, fexit, fmod_ret, lsm), and the lowest mainline release all of that implies.
 */
public record ProgramNeeds(String name, String section, String kind, String programType, String target,
                           List<String> helpers, boolean trampoline, String since) {
}
