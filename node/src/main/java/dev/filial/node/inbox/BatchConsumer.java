package dev.filial.node.inbox;

import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Transaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What the {@link Inbox} does with the transactions of a batch it has accepted, inside the write
 * transaction that also moves the channel on. A branch node applies them as authoritative; the hub
 * consolidates them.
 */
public interface BatchConsumer {

    /** Starts taking batch {@code sequence} from {@code peer}. */
    Application open(Connection connection, NodeCode peer, long sequence) throws SQLException;

    /** The taking of one batch, fed transaction by transaction as its body is decoded. */
    interface Application {

        /** Takes the next decoded transaction; may write at once. */
        void add(Transaction transaction);

        /** Writes what is left; called once the whole body has been decoded. */
        void finish() throws SQLException;

        /** Row changes written. */
        long applied();

        /** Rows and columns left as they are, for the receipt. */
        List<String> kept();
    }
}
