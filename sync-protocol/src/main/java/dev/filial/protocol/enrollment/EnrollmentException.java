package dev.filial.protocol.enrollment;

/** An enrollment package that cannot be used, with a stable problem code and a hint for the operator. */
public final class EnrollmentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the package. Codes are stable (PROTOCOL.md section 13). */
    public enum Problem {
        MALFORMED("malformed-package",
                "the file is not a Filial enrollment package (a ZIP with enrollment.json and enrollment.sig); check the file"),
        TRUNCATED("truncated",
                "the package ends early or an entry is damaged; copy it again from HQ"),
        OVERSIZED("oversized",
                "an entry of the package is larger than a reader accepts; ask HQ for a new package"),
        UNKNOWN_FORMAT("unknown-format",
                "the package was written in a format version this node cannot read; install a newer node"),
        INVALID("invalid-package",
                "enrollment.json does not follow the format; the package was altered or HQ's software is broken"),
        BAD_SIGNATURE("bad-signature",
                "the package's signature does not verify with the hub key it names; it was altered: ask HQ for a new one"),
        SNAPSHOT_MISMATCH("snapshot-mismatch",
                "a snapshot file is missing or does not match its signed hash; copy the package again from HQ"),
        WRONG_PASSPHRASE("wrong-passphrase",
                "the passphrase does not open this package's keys; check it with HQ (it is printed at enrollment) "
                        + "or the package is not the one HQ made for this passphrase");

        private final String code;
        private final String hint;

        Problem(String code, String hint) {
            this.code = code;
            this.hint = hint;
        }

        public String code() {
            return code;
        }

        public String hint() {
            return hint;
        }
    }

    private final Problem problem;

    public EnrollmentException(Problem problem, String message) {
        this(problem, message, null);
    }

    public EnrollmentException(Problem problem, String message, Throwable cause) {
        super(message + " (" + problem.code + "): " + problem.hint, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
