package dev.filial.protocol.batch;

import dev.filial.protocol.change.Transaction;
import java.util.List;

/** A whole, verified and decoded batch: part 1's header, the batch hash and the transactions. */
public record Batch(BatchHeader header, String hash, List<Transaction> transactions) {

    public Batch {
        transactions = List.copyOf(transactions);
    }
}
