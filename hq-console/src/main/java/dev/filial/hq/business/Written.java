package dev.filial.hq.business;

/** A row a node wrote, as a business check found it in the hub log: where from and in which transaction. */
record Written(String table, String id, String origin, String hlc, String txId) {
}
