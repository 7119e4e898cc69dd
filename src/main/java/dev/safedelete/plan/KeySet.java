package dev.safedelete.plan;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A set of encoded keys ({@link KeyCodec}) kept in one growing byte arena with an open-addressing index of arena
 * offsets. A million eight-byte keys cost about 20 MB instead of the 100+ MB a {@code HashSet<String>} would, which
 * is what lets a plan of a million rows run in a 256 MB heap. Iteration follows insertion order.
 */
public final class KeySet implements Iterable<byte[]> {

    private byte[] arena = new byte[256];
    private int used;
    /** arena offset + 1 of each entry; 0 marks a free slot. */
    private int[] slots = new int[16];
    private int size;
    private boolean frozen;

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Adds the key; answers whether it was new. */
    /** After this, {@link #add} refuses: a derived set is not changed by whoever reads it. */
    void freeze() {
        frozen = true;
    }

    public boolean add(byte[] key) {
        if (frozen) {
            throw new UnsupportedOperationException("a derived key set is read-only");
        }
        if ((size + 1) * 2 > slots.length) {
            rehash();
        }
        int mask = slots.length - 1;
        for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                slots[i] = append(key) + 1;
                size++;
                return true;
            }
            if (equalsAt(slot - 1, key)) {
                return false;
            }
        }
    }

    public boolean contains(byte[] key) {
        int mask = slots.length - 1;
        for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                return false;
            }
            if (equalsAt(slot - 1, key)) {
                return true;
            }
        }
    }

    /** Receives one batch of decoded keys; the list is reused after the call returns. */
    @FunctionalInterface
    public interface BatchAction<E extends Exception> {
        void accept(java.util.List<Object[]> batch) throws java.sql.SQLException, E;
    }

    /**
     * The keys decoded ({@link KeyCodec#decode}) in batches of at most {@code size}, one call each: never more than one
     * batch of decoded keys in memory, however large the set.
     */
    public <E extends Exception> void forEachBatch(int arity, int size, BatchAction<E> action)
            throws java.sql.SQLException, E {
        var batch = new java.util.ArrayList<Object[]>(Math.min(size, this.size));
        for (byte[] k : this) {
            batch.add(KeyCodec.decode(k, arity));
            if (batch.size() == size) {
                action.accept(batch);
                batch = new java.util.ArrayList<>(size);
            }
        }
        if (!batch.isEmpty()) {
            action.accept(batch);
        }
    }

    @Override
    public Iterator<byte[]> iterator() {
        return new Iterator<>() {
            private int offset;

            @Override
            public boolean hasNext() {
                return offset < used;
            }

            @Override
            public byte[] next() {
                if (offset >= used) {
                    throw new NoSuchElementException();
                }
                int len = lengthAt(offset);
                int start = offset + varIntSize(len);
                offset = start + len;
                return Arrays.copyOfRange(arena, start, start + len);
            }
        };
    }

    private int append(byte[] key) {
        int need = varIntSize(key.length) + key.length;
        if (used + need > arena.length) {
            long grown = Math.max((long) arena.length * 2, (long) used + need);
            if (grown > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("key set exceeds 2 GB");
            }
            arena = Arrays.copyOf(arena, (int) grown);
        }
        int at = used;
        int v = key.length;
        int p = used;
        while ((v & ~0x7F) != 0) {
            arena[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        arena[p++] = (byte) v;
        System.arraycopy(key, 0, arena, p, key.length);
        used = p + key.length;
        return at;
    }

    private boolean equalsAt(int offset, byte[] key) {
        int len = lengthAt(offset);
        if (len != key.length) {
            return false;
        }
        int start = offset + varIntSize(len);
        return Arrays.equals(arena, start, start + len, key, 0, len);
    }

    private int lengthAt(int offset) {
        int v = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = arena[offset++];
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
    }

    private void rehash() {
        int[] old = slots;
        slots = new int[old.length * 2];
        int mask = slots.length - 1;
        for (int slot : old) {
            if (slot != 0) {
                int offset = slot - 1;
                int len = lengthAt(offset);
                int start = offset + varIntSize(len);
                int i = hash(arena, start, len) & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = slot;
            }
        }
    }

    private static int varIntSize(int v) {
        int n = 1;
        while ((v & ~0x7F) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    private static int hash(byte[] key) {
        return hash(key, 0, key.length);
    }

    /** FNV-1a followed by a murmur finaliser: cheap, and spreads sequential integer keys across the table. */
    private static int hash(byte[] b, int from, int len) {
        int h = 0x811C9DC5;
        for (int i = from; i < from + len; i++) {
            h ^= b[i] & 0xFF; // unsigned: a sign-extended byte folds pairs of keys onto one hash
            h *= 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }
}
