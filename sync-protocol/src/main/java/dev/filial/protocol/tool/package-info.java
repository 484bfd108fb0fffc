/**
 * The {@code filial-batch} command line ({@link dev.filial.protocol.tool.BatchTool}): {@code dump}
 * and {@code verify} batch files, and {@code demo}, which writes sample keys and batches.
 */
package dev.filial.protocol.tool;
