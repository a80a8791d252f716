package io.custodia.pii;

/** Parses RFC 4291 text forms (with "::" and an embedded dotted quad) into eight 16-bit groups, or null. */
final class Ipv6 {

    private Ipv6() {}

    static int[] parse(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap >= 0 ? s.substring(0, gap) : s;
        String tail = gap >= 0 ? s.substring(gap + 2) : "";
        if (gap >= 0 && head.indexOf('.') >= 0) {
            // A dotted quad is only ever the last 32 bits.
            return null;
        }
        int[] left = groups(head);
        int[] right = groups(tail);
        if (left == null || right == null) {
            return null;
        }
        int total = left.length + right.length;
        if ((gap < 0 && total != 8) || (gap >= 0 && total > 7)) {
            return null;
        }
        int[] out = new int[8];
        System.arraycopy(left, 0, out, 0, left.length);
        System.arraycopy(right, 0, out, 8 - right.length, right.length);
        return out;
    }

    private static int[] groups(String part) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] pieces = part.split(":", -1);
        int extra = pieces[pieces.length - 1].contains(".") ? 1 : 0;
        int[] out = new int[pieces.length + extra];
        for (int k = 0; k < pieces.length; k++) {
            String p = pieces[k];
            if (k == pieces.length - 1 && p.contains(".")) {
                int[] quad = quad(p);
                if (quad == null) {
                    return null;
                }
                out[k] = quad[0] << 8 | quad[1];
                out[k + 1] = quad[2] << 8 | quad[3];
            } else {
                if (p.isEmpty() || p.length() > 4) {
                    return null;
                }
                int value = 0;
                for (int c = 0; c < p.length(); c++) {
                    int d = Character.digit(p.charAt(c), 16);
                    if (d < 0) {
                        return null;
                    }
                    value = value << 4 | d;
                }
                out[k] = value;
            }
        }
        return out;
    }

    private static int[] quad(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int[] out = new int[4];
        for (int k = 0; k < 4; k++) {
            if (parts[k].isEmpty() || parts[k].length() > 3 || !parts[k].chars().allMatch(c -> c >= '0' && c <= '9')
                    || (parts[k].length() > 1 && parts[k].charAt(0) == '0')) {
                return null;
            }
            out[k] = Integer.parseInt(parts[k]);
            if (out[k] > 255) {
                return null;
            }
        }
        return out;
    }
}
