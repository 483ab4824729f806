package com.emailengine.core.templating;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * How large a value is as text, in characters, about: a text its length, a number its digits, a collection its
 * elements' weights plus one each (a separator). What bounds what concatenation, interpolation, a method or a
 * conversion to text can make of it. Values the JDK would handle in more than linear time or stack are refused
 * outright: numbers beyond {@value #MAX_NUMBER_BITS} bits (Velocity widens overflowing arithmetic to BigInteger, and
 * squaring in a loop doubles the size each time) and collections nested deeper than {@value #MAX_DEPTH} (their
 * {@code toString} and {@code equals} recurse). Collections are weighed once per render (templates cannot change
 * them), so a list built from itself costs only its new elements to weigh.
 */
final class ValueWeight {

    static final int MAX_NUMBER_BITS = 4096;
    static final int MAX_DECIMAL_SCALE = 1000;
    static final int MAX_DEPTH = 32;

    private record Weighed(long weight, int depth) {
    }

    private final Map<Object, Weighed> weighed = new IdentityHashMap<>();
    /** Beyond this a value is refused anyway: counting stops there, so a range of a billion numbers is not walked. */
    private final long cap;

    ValueWeight(long cap) {
        this.cap = cap;
    }

    long of(Object value) {
        return weigh(value, 0).weight;
    }

    private Weighed weigh(Object value, int depth) {
        if (value == null) {
            return new Weighed(0, 0);
        }
        if (value instanceof CharSequence text) {
            return new Weighed(text.length(), 0);
        }
        if (value instanceof Number number) {
            return new Weighed(number(number), 0);
        }
        if (!(value instanceof Collection<?> || value instanceof Map<?, ?> || value instanceof Map.Entry<?, ?>
                || value.getClass().isArray())) {
            return new Weighed(1, 0);
        }
        if (depth >= MAX_DEPTH) {
            throw new RenderLimitException("the template's values nest more than " + MAX_DEPTH + " deep");
        }
        Weighed known = weighed.get(value);
        if (known != null) {
            return known;
        }
        Weighed result = container(value, depth);
        if (result.depth > MAX_DEPTH) {
            throw new RenderLimitException("the template's values nest more than " + MAX_DEPTH + " deep");
        }
        weighed.put(value, result);
        return result;
    }

    private Weighed container(Object value, int depth) {
        long weight = 1;
        int deepest = 0;
        if (value instanceof Map.Entry<?, ?> entry) {
            Weighed k = weigh(entry.getKey(), depth + 1);
            Weighed v = weigh(entry.getValue(), depth + 1);
            return new Weighed(1 + k.weight + v.weight, 1 + Math.max(k.depth, v.depth));
        }
        if (value instanceof Map<?, ?> map) {
            weight += map.size();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (weight > cap) {
                    break;
                }
                Weighed k = weigh(entry.getKey(), depth + 1);
                Weighed v = weigh(entry.getValue(), depth + 1);
                weight += k.weight + v.weight;
                deepest = Math.max(deepest, Math.max(k.depth, v.depth));
            }
        } else if (value instanceof Collection<?> collection) {
            weight += collection.size();
            for (Object element : collection) {
                if (weight > cap) {
                    break;
                }
                Weighed e = weigh(element, depth + 1);
                weight += e.weight;
                deepest = Math.max(deepest, e.depth);
            }
        } else {
            int length = Array.getLength(value);
            weight += length;
            for (int i = 0; i < length && weight <= cap; i++) {
                Weighed e = weigh(Array.get(value, i), depth + 1);
                weight += e.weight;
                deepest = Math.max(deepest, e.depth);
            }
        }
        return new Weighed(weight, deepest + 1);
    }

    /** How many elements (entries) a collection holds itself, without theirs; 0 for anything else. */
    static long elements(Object value) {
        if (value instanceof Collection<?> collection) {
            return 1L + collection.size();
        }
        if (value instanceof Map<?, ?> map) {
            return 1L + map.size();
        }
        return value != null && value.getClass().isArray() ? 1L + Array.getLength(value) : 0;
    }

    /** Refuses a number beyond the bounds; what {@link OperandGuard} applies to operands too. */
    static void checkNumber(Number number) {
        number(number);
    }

    /** About the number's decimal digits (a bit is 0.3 of a digit), with its sign and point. */
    private static long number(Number number) {
        if (number instanceof BigInteger big) {
            return 2 + bits(big.bitLength()) * 77L / 256;
        }
        if (number instanceof BigDecimal decimal) {
            if (Math.abs((long) decimal.scale()) > MAX_DECIMAL_SCALE) {
                throw new RenderLimitException("the template computes a decimal number with more than "
                        + MAX_DECIMAL_SCALE + " decimal places");
            }
            return 3 + bits(decimal.unscaledValue().bitLength()) * 77L / 256 + Math.abs(decimal.scale());
        }
        return number instanceof Long || number instanceof Double || number instanceof Float ? 24 : 11;
    }

    private static int bits(int bitLength) {
        if (bitLength > MAX_NUMBER_BITS) {
            throw new RenderLimitException("the template computes a number larger than " + MAX_NUMBER_BITS + " bits");
        }
        return bitLength;
    }
}
