package dev.parley.loadtest;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/** HdrHistograms as compact base64 text, so result files of separate processes can be merged exactly. */
final class HistogramCodec {

    private HistogramCodec() {
    }

    static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    static Histogram decode(String text) {
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            Histogram histogram = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
            Histogram resizable = new Histogram(3);
            resizable.add(histogram);
            return resizable;
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an encoded histogram: " + e.getMessage(), e);
        }
    }

    /** A new histogram holding both. */
    static Histogram sum(Histogram a, Histogram b) {
        Histogram sum = new Histogram(3);
        sum.add(a);
        sum.add(b);
        return sum;
    }
}
