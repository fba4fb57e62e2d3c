package dev.ebpm.format.trust;

/** Why a signature, or a package, is not trusted; {@code key} describes the key involved, when one is. */
public record TrustProblem(Reason reason, String key, String detail) {
    /** Most decisive first: a refusal names the first reason found in this order. */
    public enum Reason {
        CONFLICT("conflicting signatures"),
        REVOKED_KEY("revoked key"),
        DIGEST_MISMATCH("signed digest differs"),
        BAD_SIGNATURE("bad signature"),
        UNKNOWN_KEY("unknown key"),
        NOT_ALLOWED("not allowed by the policy"),
        NO_SIGNATURE("no signature");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public String describe() {
        return reason.label() + (key == null ? "" : " " + key) + (detail == null || detail.isEmpty() ? "" : ": " + detail);
    }
}
