-- wasm-bpf modules are versions of their own kind: their package file is the module itself (app.wasm),
-- which embeds the BPF object the details describe. Every earlier version is a declarative package.
ALTER TABLE package_version
    ADD COLUMN kind text NOT NULL DEFAULT 'package' CHECK (kind IN ('package', 'wasm'));
