/**
 * The e-mail transport (Jakarta Mail): {@link dev.filial.node.mail.MailCarrier} sends each batch part as
 * one message over SMTP with the part as an {@code application/octet-stream} attachment;
 * {@link dev.filial.node.mail.Mailbox} polls the IMAP inbox and moves a message to the processed folder
 * only once its batch is committed, and messages that are not batches for this node to the rejected
 * folder; {@link dev.filial.node.mail.MailCheck} tries both servers. The message format is in
 * PROTOCOL.md section 15.
 */
package dev.filial.node.mail;
