package io.sark.testkit.v1;

/**
 * The JSON texts of the JSON edge cases of a {@link V1Dataset} (as written to the v1 columns). A NUL escape is
 * written here as {@code NUL} = backslash + {@code u0000}; {@code NEAR_MISS} is an escaped backslash followed by
 * {@code u0000} (no NUL), which only a scanner that reads escapes correctly tells apart.
 */
final class V1EdgeCaseJson {

    /** The six characters of a JSON NUL escape. */
    static final String NUL = "\\" + "u0000";
    /** An escaped backslash followed by u0000: a JSON string holding the text backslash-u0000, no NUL. */
    static final String NEAR_MISS = "\\\\" + "u0000";

    private V1EdgeCaseJson() {
    }

    /** A server's extra_metadata for a JSON edge case; {@code n} is 0..2 (which of the edge case's servers). */
    static String serverExtra(V1EdgeCase edge, int n, boolean json, String regular) {
        return switch (edge) {
            case NUL_IN_JSON -> !json ? "{\"path\": \"C:" + NEAR_MISS + "dir\", \"n\": " + n + "}" : switch (n) {
                case 0 -> "{\"note\": \"nul" + NUL + "here\", \"path\": \"C:" + NEAR_MISS + "dir\"}";
                case 1 -> "{\"a" + NUL + "key\": 1, \"path\": \"C:" + NEAR_MISS + "dir\"}";
                default -> "{\"two\": [\"" + NUL + NUL + "\"], \"path\": \"C:" + NEAR_MISS + "dir\"}";
            };
            case DUPLICATE_JSON_KEYS -> "{\"owner\": \"first\", \"region\": \"eu\", \"owner\": \"second\"}";
            default -> regular;
        };
    }

    /** A tool's parameters for a JSON edge case; {@code j} is the tool's index on its server. */
    static String toolParams(V1EdgeCase edge, int j, boolean json, String regular) {
        return switch (edge) {
            case NUL_IN_JSON -> j % 2 == 0
                    ? "{\"type\": \"object\", \"description\": \"" + (json ? NUL : NEAR_MISS) + " in a schema\"}" : regular;
            case DUPLICATE_JSON_KEYS -> "{\"type\": \"object\", \"properties\": {\"x\": {\"type\": \"string\"}, "
                    + "\"x\": {\"type\": \"integer\"}}}";
            case NON_OBJECT_PARAMETERS -> switch (j % 4) {
                case 0 -> "[1, 2]";
                case 1 -> "42";
                case 2 -> "null";
                default -> "true";
            };
            default -> regular;
        };
    }

    /** A tool's extra_metadata for a JSON edge case. */
    static String toolExtra(V1EdgeCase edge, int j, boolean json, String regular) {
        return switch (edge) {
            case NUL_IN_JSON -> j % 2 == 1 || !json ? "{\"tag\": \"" + (json ? NUL : NEAR_MISS) + "\"}" : regular;
            case DUPLICATE_JSON_KEYS -> "{\"k\": 1, \"k\": 2}";
            default -> regular;
        };
    }

    /** A ~200 KB JSON schema (the LARGE_JSON edge case). */
    static String large() {
        StringBuilder sb = new StringBuilder(220_000);
        sb.append("{\"type\": \"object\", \"properties\": {");
        for (int p = 0; p < 2_000; p++) {
            if (p > 0) {
                sb.append(", ");
            }
            sb.append("\"field_").append(p).append("\": {\"type\": \"string\", \"description\": \"")
                    .append("large json field ").append(p).append(" ".repeat(40)).append("\"}");
        }
        sb.append("}}");
        return sb.toString();
    }
}
