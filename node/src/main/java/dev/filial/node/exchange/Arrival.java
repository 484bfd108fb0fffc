package dev.filial.node.exchange;

/**
 * One batch file that arrived by e-mail or file drop and waits to be taken. It stays where it is until
 * {@link Intake} decides: {@link #archive} once its batch is committed here, {@link #reject} when it is
 * not a batch for this node or the inbox refused it. A file is archived only after its batch is
 * committed, so a crash at any point leaves it to be read again.
 */
public interface Arrival {

    /** Where it came from, for receipts and reports: {@code mail:<message id>}, {@code drop:<file>}. */
    String source();

    /**
     * The file's bytes.
     *
     * @throws ExchangeException when they cannot be read (the arrival is then left in place)
     */
    byte[] bytes();

    /** Moves it to the processed place (its batch is committed here). */
    void archive();

    /** Moves it aside with {@code reason}, kept for the operator. */
    void reject(String reason);
}
