package dev.baton.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.console.LineDiff.Kind;
import dev.baton.console.LineDiff.Line;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineDiffTest {

  @Test
  void identicalTextsHaveOnlyKeptLines() {
    List<Line> diff = LineDiff.of("a\nb\n", "a\nb\n");
    assertThat(diff)
        .containsExactly(new Line(Kind.SAME, 1, 1, "a"), new Line(Kind.SAME, 2, 2, "b"));
    assertThat(LineDiff.changes(diff)).isZero();
  }

  @Test
  void aChangedLineIsRemovedThenAddedWithBothNumberings() {
    List<Line> diff =
        LineDiff.of("kind: X\nmode: on\nrules: []\n", "kind: X\nmode: shadow\nrules: []\n");
    assertThat(diff)
        .containsExactly(
            new Line(Kind.SAME, 1, 1, "kind: X"),
            new Line(Kind.REMOVED, 2, null, "mode: on"),
            new Line(Kind.ADDED, null, 2, "mode: shadow"),
            new Line(Kind.SAME, 3, 3, "rules: []"));
    assertThat(LineDiff.changes(diff)).isEqualTo(2);
  }

  @Test
  void insertionsAndDeletionsInTheMiddleKeepTheCommonLines() {
    List<Line> diff = LineDiff.of("a\nb\nc\nd\ne", "a\nc\nx\nd\ne\nf");
    assertThat(diff)
        .containsExactly(
            new Line(Kind.SAME, 1, 1, "a"),
            new Line(Kind.REMOVED, 2, null, "b"),
            new Line(Kind.SAME, 3, 2, "c"),
            new Line(Kind.ADDED, null, 3, "x"),
            new Line(Kind.SAME, 4, 4, "d"),
            new Line(Kind.SAME, 5, 5, "e"),
            new Line(Kind.ADDED, null, 6, "f"));
  }

  @Test
  void anEmptyTextIsAllAddedOrAllRemoved() {
    assertThat(LineDiff.of("", "a\r\nb"))
        .containsExactly(new Line(Kind.ADDED, null, 1, "a"), new Line(Kind.ADDED, null, 2, "b"));
    assertThat(LineDiff.of("a", "")).containsExactly(new Line(Kind.REMOVED, 1, null, "a"));
  }
}
