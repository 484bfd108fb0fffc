package dev.filial.node.identity;

/**
 * The node's private keys could not be sealed or opened: no passphrase, a wrong or weak one, or a
 * damaged sealed file. Carries a stable code and a hint for the operator; nothing on disk was changed.
 */
public final class KeyProtectionException extends NodeHomeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. Codes are stable. */
    public enum Problem {
        PASSPHRASE_MISSING("key-passphrase-missing", "set " + KeyPassphrase.VARIABLE + ", or "
                + KeyPassphrase.FILE_VARIABLE + " to a file whose first line is the passphrase, or run the command "
                + "from a terminal to be asked"),
        PASSPHRASE_WRONG("key-passphrase-wrong", "the sealed file is intact (its checksum matches) but does not open "
                + "with this passphrase: check it (a lost passphrase cannot be recovered: restore keys/ from the "
                + "node's backup, or enroll the node anew at HQ)"),
        PASSPHRASE_WEAK("key-passphrase-weak", "choose a passphrase of at least " + KeyPassphrase.MINIMUM_LENGTH
                + " characters (a few unrelated words are easy to type and hard to guess)"),
        PASSPHRASES_DIFFER("key-passphrase-mismatch", "type the same new passphrase twice; nothing was changed"),
        FILE_DAMAGED("key-file-damaged", "restore keys/" + PrivateKeys.SEALED + " from the node's backup (a damaged "
                + "file cannot be repaired; without a backup, enroll the node anew at HQ); a file written by a "
                + "newer version needs that version"),
        FILE_FOREIGN("key-file-foreign", "this sealed file belongs to another node: put back this node's own keys/"
                + PrivateKeys.SEALED + " from its backup");

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
    private final String hint;

    public KeyProtectionException(Problem problem, String message) {
        this(problem, message, problem.hint(), null);
    }

    public KeyProtectionException(Problem problem, String message, String hint, Throwable cause) {
        super(message + " (" + problem.code() + ")", cause);
        this.problem = problem;
        this.hint = hint;
    }

    public Problem problem() {
        return problem;
    }

    /** The stable code, e.g. {@code key-passphrase-wrong}. */
    public String code() {
        return problem.code();
    }

    /** What the operator can do about it. */
    public String hint() {
        return hint;
    }
}
