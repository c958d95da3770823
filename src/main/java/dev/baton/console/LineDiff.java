package dev.baton.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A line diff of two texts (the longest common subsequence of their lines), as the table the policy
 * pages show: every line of both texts once, kept, removed or added, with its line numbers. Pure.
 * Common leading and trailing lines are matched before the quadratic part, and texts whose
 * differing middle is too large to compare line by line show it as removed then added.
 */
final class LineDiff {

  /** The largest differing middle compared line by line: rows times columns of the table. */
  static final long MAX_CELLS = 4_000_000;

  /** What happened to a line. */
  enum Kind {
    SAME,
    REMOVED,
    ADDED;

    public String css() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String sign() {
      return switch (this) {
        case SAME -> " ";
        case REMOVED -> "-";
        case ADDED -> "+";
      };
    }
  }

  /**
   * One line of the diff.
   *
   * @param oldNumber its number in the old text (from 1), null for an added line
   * @param newNumber its number in the new text, null for a removed line
   */
  record Line(Kind kind, @Nullable Integer oldNumber, @Nullable Integer newNumber, String text) {}

  private LineDiff() {}

  static List<Line> of(String oldText, String newText) {
    String[] a = lines(oldText);
    String[] b = lines(newText);
    int start = 0;
    while (start < a.length && start < b.length && a[start].equals(b[start])) {
      start++;
    }
    int endA = a.length;
    int endB = b.length;
    while (endA > start && endB > start && a[endA - 1].equals(b[endB - 1])) {
      endA--;
      endB--;
    }
    List<Line> out = new ArrayList<>();
    for (int i = 0; i < start; i++) {
      out.add(new Line(Kind.SAME, i + 1, i + 1, a[i]));
    }
    middle(a, b, start, endA, endB, out);
    for (int i = endA, j = endB; i < a.length; i++, j++) {
      out.add(new Line(Kind.SAME, i + 1, j + 1, a[i]));
    }
    return out;
  }

  /** How many lines were added and removed. */
  static int changes(List<Line> diff) {
    return (int) diff.stream().filter(l -> l.kind() != Kind.SAME).count();
  }

  private static void middle(
      String[] a, String[] b, int start, int endA, int endB, List<Line> out) {
    int n = endA - start;
    int m = endB - start;
    if ((long) n * m > MAX_CELLS) {
      for (int i = start; i < endA; i++) {
        out.add(new Line(Kind.REMOVED, i + 1, null, a[i]));
      }
      for (int j = start; j < endB; j++) {
        out.add(new Line(Kind.ADDED, null, j + 1, b[j]));
      }
      return;
    }
    // lcs[i][j]: the longest common subsequence of a[start+i..endA) and b[start+j..endB)
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a[start + i].equals(b[start + j])
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[start + i].equals(b[start + j])) {
        out.add(new Line(Kind.SAME, start + i + 1, start + j + 1, a[start + i]));
        i++;
        j++;
      } else if (j < m && (i == n || lcs[i][j + 1] > lcs[i + 1][j])) {
        out.add(new Line(Kind.ADDED, null, start + j + 1, b[start + j]));
        j++;
      } else {
        out.add(new Line(Kind.REMOVED, start + i + 1, null, a[start + i]));
        i++;
      }
    }
  }

  private static String[] lines(String text) {
    if (text.isEmpty()) {
      return new String[0];
    }
    String[] lines = text.split("\r?\n", -1);
    // a final newline ends the last line rather than starting an empty one
    return lines[lines.length - 1].isEmpty() ? Arrays.copyOf(lines, lines.length - 1) : lines;
  }
}
