package org.hepatica.stats;

/** Checks shared by the tests of r x c tables of counts. */
final class ContingencyTables {
    private ContingencyTables() {
    }

    /** A table of at least 1 x 1, rectangular, counts &gt;= 0; returns it. */
    static int[][] require(String name, int[][] table) {
        Arguments.requireNonNull(name, table);
        if (table.length == 0 || table[0] == null || table[0].length == 0) {
            throw new IllegalArgumentException(name + " must have at least one row and one column");
        }
        for (int i = 0; i < table.length; i++) {
            if (table[i] == null || table[i].length != table[0].length) {
                throw new IllegalArgumentException(name + " must be rectangular: row " + i + " differs from row 0");
            }
            for (int j = 0; j < table[i].length; j++) {
                if (table[i][j] < 0) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + j + "] must be >= 0, was "
                            + table[i][j]);
                }
            }
        }
        return table;
    }

    /** The table without its empty rows and columns (R's {@code table()} of the observed levels). */
    static int[][] dropEmpty(int[][] table) {
        int rows = table.length;
        int cols = table[0].length;
        boolean[] keepRow = new boolean[rows];
        boolean[] keepCol = new boolean[cols];
        int nr = 0;
        int nc = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (table[i][j] > 0) {
                    keepRow[i] = true;
                    keepCol[j] = true;
                }
            }
        }
        for (boolean k : keepRow) {
            nr += k ? 1 : 0;
        }
        for (boolean k : keepCol) {
            nc += k ? 1 : 0;
        }
        int[][] out = new int[nr][nc];
        int r = 0;
        for (int i = 0; i < rows; i++) {
            if (!keepRow[i]) {
                continue;
            }
            int c = 0;
            for (int j = 0; j < cols; j++) {
                if (keepCol[j]) {
                    out[r][c++] = table[i][j];
                }
            }
            r++;
        }
        return out;
    }
}
