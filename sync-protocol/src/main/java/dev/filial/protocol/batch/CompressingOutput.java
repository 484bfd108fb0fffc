package dev.filial.protocol.batch;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Compresses a plain body into one zstd frame. A body of at most {@code smallBytes} is held and
 * compressed in one go at {@code smallLevel} when closed: its size is known, so zstd fits its tables
 * to it, and a strong level costs little on a small body, which is what travels by e-mail. A larger
 * body is streamed at {@code level} from the moment it outgrows the limit, so memory stays bounded.
 * Both make the same standard frame; a reader cannot tell them apart.
 */
final class CompressingOutput extends OutputStream {

    private final OutputStream target;
    private final int level;
    private final int smallLevel;
    private final int smallBytes;
    private ByteArrayOutputStream held = new ByteArrayOutputStream(8 * 1024);
    private OutputStream streaming;

    CompressingOutput(OutputStream target, int level, int smallLevel, int smallBytes) {
        this.target = target;
        this.level = level;
        this.smallLevel = smallLevel;
        this.smallBytes = smallBytes;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (streaming == null && held == null) {
            throw new IOException("the body is closed");
        }
        if (streaming == null && held.size() + length > smallBytes) {
            streaming = new ZstdOutputStreamNoFinalizer(target, level);
            held.writeTo(streaming);
            held = null;
        }
        if (streaming != null) {
            streaming.write(bytes, offset, length);
        } else {
            held.write(bytes, offset, length);
        }
    }

    @Override
    public void close() throws IOException {
        if (streaming != null) {
            streaming.close();
            streaming = null;
        } else if (held != null) {
            target.write(Zstd.compress(held.toByteArray(), smallLevel));
            held = null;
        }
    }
}
