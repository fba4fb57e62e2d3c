package dev.ebpm.compiler.export;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExportHeaderTest {
    @Test
    void findsNamedStructDefinitionsLikeEunomia() {
        ExportHeader h = ExportHeader.scan("""
            struct event { int pid; struct inner { int a; } in; };
            typedef struct tagged { int x; } tagged_t;
            typedef struct { int y; } anon_t;
            union u { int z; };
            struct event;   /* a declaration, not a definition */
            struct
            event2
            {
            };
            """);
        assertThat(h.structNames()).containsExactly("event", "inner", "tagged", "event2");
        assertThat(h.dummyDeclarations()).contains(
            "const volatile struct event *__eunomia_dummy_event_ptr __attribute__((unused));");
    }
}
