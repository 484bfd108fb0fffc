package dev.filial.protocol.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The outer file: a ZIP archive of exactly three stored (uncompressed) entries in a fixed order:
 * header.json, header.sig, then the body. Any unzip tool opens it. Written deterministically
 * (fixed timestamp, no extra fields) and read strictly as a stream: local entries first, each size
 * checked against the limits before its bytes are read, then a central directory that must agree,
 * then nothing.
 */
final class BatchContainer {

    static final String HEADER = "header.json";
    static final String SIGNATURE = "header.sig";
    static final String BODY = "body.zst";
    static final String BODY_ENCRYPTED = "body.zst.enc";

    private static final int LOCAL = 0x04034b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int END = 0x06054b50;
    private static final int VERSION = 20;
    private static final int DOS_DATE_1980_01_01 = 0x0021;

    private BatchContainer() {
    }

    /** The three entries of one file, as read. */
    record Entries(byte[] header, byte[] signature, String bodyName, byte[] body, boolean bodyCrcMatches) {
    }

    static byte[] write(byte[] header, byte[] signature, String bodyName, byte[] body) {
        List<String> names = List.of(HEADER, SIGNATURE, bodyName);
        List<byte[]> data = List.of(header, signature, body);
        Writer out = new Writer(header.length + signature.length + body.length + 300);
        int[] offsets = new int[3];
        long[] crcs = new long[3];
        for (int i = 0; i < 3; i++) {
            offsets[i] = out.size();
            crcs[i] = crc(data.get(i));
            out.int32(LOCAL);
            out.int16(VERSION);
            entryFields(out, crcs[i], data.get(i).length, names.get(i));
            out.bytes(names.get(i).getBytes(StandardCharsets.US_ASCII));
            out.bytes(data.get(i));
        }
        int centralStart = out.size();
        for (int i = 0; i < 3; i++) {
            out.int32(CENTRAL);
            out.int16(VERSION);
            out.int16(VERSION);
            entryFields(out, crcs[i], data.get(i).length, names.get(i));
            out.int16(0); // comment length
            out.int16(0); // disk number
            out.int16(0); // internal attributes
            out.int32(0); // external attributes
            out.int32(offsets[i]);
            out.bytes(names.get(i).getBytes(StandardCharsets.US_ASCII));
        }
        int centralSize = out.size() - centralStart;
        out.int32(END);
        out.int16(0);
        out.int16(0);
        out.int16(3);
        out.int16(3);
        out.int32(centralSize);
        out.int32(centralStart);
        out.int16(0);
        return out.toByteArray();
    }

    /** Flags, method, time, date, CRC, sizes, name and extra lengths: the run both header kinds share. */
    private static void entryFields(Writer out, long crc, int size, String name) {
        out.int16(0); // flags
        out.int16(0); // method: stored
        out.int16(0); // time 00:00
        out.int16(DOS_DATE_1980_01_01);
        out.int32((int) crc);
        out.int32(size);
        out.int32(size);
        out.int16(name.length());
        out.int16(0); // extra length
    }

    static Entries read(InputStream in, ReaderLimits limits) throws IOException {
        Reader reader = new Reader(in.markSupported() ? in : new java.io.BufferedInputStream(in));
        if (!reader.hasMore()) {
            throw new BatchRejectedException(RejectReason.TRUNCATED, "the file is empty");
        }
        Local header = readLocal(reader, HEADER, limits.maxHeaderBytes());
        Local signature = readLocal(reader, SIGNATURE, 64);
        if (signature.data.length != 64) {
            throw malformed("header.sig must hold 64 bytes, not " + signature.data.length);
        }
        Local body = readLocal(reader, null, limits.maxPartBytes());
        if (!body.name.equals(BODY) && !body.name.equals(BODY_ENCRYPTED)) {
            throw malformed("the third entry must be " + BODY + " or " + BODY_ENCRYPTED + ", not " + body.name);
        }
        for (Local entry : List.of(header, signature)) {
            if (crc(entry.data) != entry.crc) {
                throw new BatchRejectedException(RejectReason.DAMAGED, entry.name + " does not match its CRC-32");
            }
        }
        int centralStart = reader.position();
        for (Local entry : List.of(header, signature, body)) {
            readCentral(reader, entry);
        }
        int centralSize = reader.position() - centralStart;
        expect(reader.int32() == END, "the end of central directory record is missing");
        expect(reader.int16() == 0 && reader.int16() == 0 && reader.int16() == 3 && reader.int16() == 3,
                "the archive must be a single disk holding 3 entries");
        expect(reader.int32() == centralSize && reader.int32() == centralStart,
                "the end record disagrees with the central directory");
        expect(reader.int16() == 0, "the archive comment must be empty");
        expect(!reader.hasMore(), "there are bytes after the end of the archive");
        return new Entries(header.data, signature.data, body.name, body.data, crc(body.data) == body.crc);
    }

    private record Local(String name, int offset, long crc, byte[] data) {
    }

    private static Local readLocal(Reader reader, String expectedName, long maxSize) throws IOException {
        int offset = reader.position();
        expect(reader.int32() == LOCAL, "expected the local entry " + (expectedName == null ? "of the body" : expectedName));
        expect(reader.int16() == VERSION, "entries need ZIP version 2.0");
        expect(reader.int16() == 0, "entries must have no flags (no data descriptor, no encryption)");
        expect(reader.int16() == 0, "entries must be stored, not deflated");
        expect(reader.int16() == 0 && reader.int16() == DOS_DATE_1980_01_01, "entries carry the fixed time 1980-01-01 00:00");
        long crc = reader.int32() & 0xFFFF_FFFFL;
        long compressed = reader.int32() & 0xFFFF_FFFFL;
        long size = reader.int32() & 0xFFFF_FFFFL;
        int nameLength = reader.int16();
        int extraLength = reader.int16();
        expect(compressed == size, "a stored entry has equal compressed and uncompressed sizes");
        expect(extraLength == 0, "entries must have no extra fields");
        expect(nameLength > 0 && nameLength <= 64, "entry names are short");
        String name = new String(reader.bytes(nameLength), StandardCharsets.US_ASCII);
        if (expectedName != null) {
            expect(name.equals(expectedName), "expected the entry " + expectedName + ", found " + name);
        }
        if (size > maxSize) {
            throw new BatchRejectedException(RejectReason.OVERSIZED,
                    name + " has " + size + " bytes, more than the " + maxSize + " allowed");
        }
        return new Local(name, offset, crc, reader.bytes((int) size));
    }

    private static void readCentral(Reader reader, Local entry) throws IOException {
        expect(reader.int32() == CENTRAL, "the central directory entry of " + entry.name + " is missing");
        expect(reader.int16() == VERSION && reader.int16() == VERSION, "central entry of " + entry.name + " needs ZIP version 2.0");
        expect(reader.int16() == 0 && reader.int16() == 0, "central entry of " + entry.name + " has flags or compression");
        expect(reader.int16() == 0 && reader.int16() == DOS_DATE_1980_01_01,
                "central entry of " + entry.name + " carries another time than 1980-01-01 00:00");
        expect((reader.int32() & 0xFFFF_FFFFL) == entry.crc
                        && (reader.int32() & 0xFFFF_FFFFL) == entry.data.length
                        && (reader.int32() & 0xFFFF_FFFFL) == entry.data.length,
                "the central directory disagrees with the entry " + entry.name);
        int nameLength = reader.int16();
        expect(reader.int16() == 0 && reader.int16() == 0, "central entry of " + entry.name + " has extra fields or a comment");
        expect(reader.int16() == 0 && reader.int16() == 0 && reader.int32() == 0,
                "central entry of " + entry.name + " has a disk number or attributes");
        expect(reader.int32() == entry.offset, "the central directory points elsewhere than the entry " + entry.name);
        expect(nameLength == entry.name.length()
                        && new String(reader.bytes(nameLength), StandardCharsets.US_ASCII).equals(entry.name),
                "the central directory names another entry than " + entry.name);
    }

    private static long crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    private static void expect(boolean condition, String detail) {
        if (!condition) {
            throw malformed(detail);
        }
    }

    private static BatchRejectedException malformed(String detail) {
        return new BatchRejectedException(RejectReason.MALFORMED_CONTAINER, detail);
    }

    /** Little-endian writer. */
    private static final class Writer extends ByteArrayOutputStream {
        Writer(int size) {
            super(size);
        }

        void int16(int value) {
            write(value & 0xFF);
            write((value >>> 8) & 0xFF);
        }

        void int32(int value) {
            int16(value & 0xFFFF);
            int16((value >>> 16) & 0xFFFF);
        }

        void bytes(byte[] data) {
            write(data, 0, data.length);
        }
    }

    /** Little-endian reader that counts its position and reports a short read as truncation. */
    private static final class Reader {
        private final InputStream in;
        private int position;

        Reader(InputStream in) {
            this.in = in;
        }

        int position() {
            return position;
        }

        boolean hasMore() throws IOException {
            in.mark(1);
            int next = in.read();
            in.reset();
            return next >= 0;
        }

        int int16() throws IOException {
            byte[] b = bytes(2);
            return (b[0] & 0xFF) | (b[1] & 0xFF) << 8;
        }

        int int32() throws IOException {
            byte[] b = bytes(4);
            return (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
        }

        byte[] bytes(int length) throws IOException {
            byte[] data = in.readNBytes(length);
            position += data.length;
            if (data.length < length) {
                throw new BatchRejectedException(RejectReason.TRUNCATED,
                        "the file ends after " + position + " bytes, inside the ZIP structure");
            }
            return data;
        }
    }
}
