/**
 * The file-drop transport: {@link dev.filial.node.drop.DropFolder} writes batch files atomically
 * (temporary name, then rename) into {@code <folder>/<recipient>/} and reads this node's subfolder,
 * archiving a file into {@code processed/} once its batch is committed and moving files that are not
 * batches for this node into {@code rejected/} with the reason beside them. The same layout serves a
 * shared folder and a USB stick carried by hand (PROTOCOL.md section 16).
 */
package dev.filial.node.drop;
