package dev.filial.protocol.batch;

/**
 * Why a batch file was refused. Each reason has a stable code (for logs, metrics and the tool's
 * output; never renamed) and a hint that tells an operator what to do.
 */
public enum RejectReason {
    MALFORMED_CONTAINER("malformed-container",
            "the file is not a Filial batch (a ZIP with header.json, header.sig and the body); "
                    + "check that the right file was picked up and that the transport did not rewrite it"),
    TRUNCATED("truncated",
            "the file ends early; it was cut in transit or is still being written: wait for the sender to resend"),
    DAMAGED("damaged",
            "a checksum inside the file does not match: it was damaged in transit or on disk; ask for a resend"),
    OVERSIZED("oversized",
            "the file or body is larger than this reader allows; ask the sender to split batches into smaller parts"),
    INVALID_HEADER("invalid-header",
            "header.json is not valid for this format version; the sender's software may be broken or the file altered"),
    UNKNOWN_VERSION("unknown-version",
            "the batch was written in a format version this node cannot read; upgrade this node, nothing was applied"),
    UNKNOWN_KEY("unknown-key",
            "the batch is signed with a key this node does not trust; re-enroll the sender or import its public key"),
    REVOKED_KEY("revoked-key",
            "the sender's key was revoked at the hub (a lost or retired device); nothing was applied: "
                    + "the sender must be enrolled again with a new key"),
    WRONG_KEY("wrong-key",
            "the signing key belongs to another node than the one named as sender; the batch may be forged"),
    BAD_SIGNATURE("bad-signature",
            "the header signature does not verify; the file was altered or damaged in transit: ask for a resend"),
    WRONG_RECIPIENT("wrong-recipient",
            "the batch is addressed to another node; deliver it to its recipient, it was not applied here"),
    BODY_HASH_MISMATCH("body-hash-mismatch",
            "the body does not match the hash in the signed header; the file was altered or damaged: ask for a resend"),
    DECRYPTION_FAILED("decryption-failed",
            "the body cannot be decrypted with this node's key; it was encrypted to another key or altered"),
    MISSING_KEY("missing-key",
            "the body is encrypted and no decryption key was given; pass this node's encryption key"),
    CORRUPT_BODY("corrupt-body",
            "the body is not a valid zstd stream although its hash matched; the sender's software may be broken"),
    DECOMPRESSION_LIMIT("decompression-limit",
            "the body expands beyond the allowed size or ratio (a possible decompression bomb); it was not applied"),
    TOO_MANY_CHANGES("too-many-changes",
            "the batch holds more changes than this reader allows; ask the sender to use smaller batches"),
    TOO_DEEP("too-deep",
            "the body nests deeper than this reader allows; the sender's software may be broken or hostile"),
    INVALID_BODY("invalid-body",
            "the body's changes do not follow the format (see PROTOCOL.md, the body); nothing was applied"),
    COUNT_MISMATCH("count-mismatch",
            "the body holds other counts of transactions or changes than its signed header says; nothing was applied"),
    PART_MISMATCH("part-mismatch",
            "this part disagrees with other parts of the same batch; the sender may have rewritten the batch: ask for a resend");

    private final String code;
    private final String hint;

    RejectReason(String code, String hint) {
        this.code = code;
        this.hint = hint;
    }

    /** The stable code. */
    public String code() {
        return code;
    }

    /** What an operator can do about it. */
    public String hint() {
        return hint;
    }

    public static RejectReason fromCode(String code) {
        for (RejectReason reason : values()) {
            if (reason.code.equals(code)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown reject reason code: " + code);
    }
}
