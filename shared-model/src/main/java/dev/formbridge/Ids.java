package dev.formbridge;

import com.github.f4b6a3.ulid.Ulid;
import com.github.f4b6a3.ulid.UlidCreator;
import java.time.Instant;
import java.util.regex.Pattern;

/** Creates and checks typed ids: a short prefix, an underscore and a ULID (time-ordered, 26 Crockford characters). */
public final class Ids {
    /** 26 Crockford characters whose first is at most 7: 48 bits of time and 80 random, no more (the spec's maximum). */
    private static final Pattern ULID = Pattern.compile("[0-7][0-9A-HJKMNP-TV-Z]{25}");

    private Ids() {}

    /** A new id with the given prefix, for example {@code ten_01JDX3W8Q5ZK2N4B7C9D1E3F5G}. */
    public static String next(String prefix) {
        return prefix + UlidCreator.getMonotonicUlid();
    }

    /**
     * A new id with the given prefix whose ULID carries {@code time} to the millisecond, exactly (80 random bits below
     * it, not the monotonic counter, which may reuse an earlier millisecond when two threads race).
     */
    public static String at(String prefix, Instant time) {
        return prefix + UlidCreator.getUlid(time.toEpochMilli());
    }

    /** The time the ULID of a well-formed id carries, to the millisecond (its typed id checked it when made). */
    public static Instant timeOf(String prefix, String id) {
        return Ulid.getInstant(ulidOf(prefix, id));
    }

    /** Returns {@code value} if it is a well-formed id with {@code prefix}, or throws with a message naming the kind. */
    public static String require(String prefix, String value) {
        if (value == null
                || !value.startsWith(prefix)
                || !ULID.matcher(value).region(prefix.length(), value.length()).matches()) {
            throw new IllegalArgumentException("not a valid " + prefix + "… id: " + abbreviate(value));
        }
        return value;
    }

    /** The ULID part of an id, without its prefix. */
    public static String ulidOf(String prefix, String id) {
        return id.substring(prefix.length());
    }

    public static boolean isUlid(CharSequence text) {
        return text != null && ULID.matcher(text).matches();
    }

    private static String abbreviate(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
