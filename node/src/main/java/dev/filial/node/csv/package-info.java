/**
 * CSV as RFC 4180 defines it, read strictly: a comma, semicolon or tab delimiter (given, or detected from the
 * header line), quoted fields with doubled quotes and line breaks, UTF-8 with or without a byte order mark,
 * and size and row limits. Every refusal is a {@link dev.filial.node.csv.CsvException} with a stable code,
 * the line it was found on and a hint. See {@link dev.filial.node.csv.CsvReader}.
 */
package dev.filial.node.csv;
