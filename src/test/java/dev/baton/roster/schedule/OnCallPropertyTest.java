package dev.baton.roster.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Schedule math over every zone the JDK knows and dates from 2000 to 2040. Each window is centred
 * on one of the zone's offset changes when it has one, so gaps and overlaps come up often.
 */
class OnCallPropertyTest {

  private static final List<String> ALL_ZONES =
      ZoneId.getAvailableZoneIds().stream().sorted().toList();

  /** DST both ways, 30- and 45-minute offsets, a skipped day, two-hour DST, DST at midnight. */
  private static final List<String> TRICKY_ZONES =
      List.of(
          "Europe/Berlin",
          "America/New_York",
          "Australia/Sydney",
          "Australia/Lord_Howe",
          "Asia/Kolkata",
          "Asia/Kathmandu",
          "America/St_Johns",
          "Pacific/Apia",
          "Pacific/Chatham",
          "America/Santiago",
          "Africa/Casablanca",
          "Europe/Moscow",
          "Antarctica/Troll",
          "Asia/Tehran",
          "America/Havana",
          "America/Asuncion",
          "Europe/Dublin",
          "America/Caracas");

  private static final LocalDate FIRST = LocalDate.of(2000, 1, 1);
  private static final LocalDate LAST = LocalDate.of(2040, 12, 31);

  private final OnCall onCall = new OnCall();

  /** How a generated rotation hands off; {@code days} or {@code hours} only for custom ones. */
  record Shape(Rotation.Type type, DayOfWeek day, LocalTime time, int days, int hours) {

    Rotation rotation(String name, LocalDate start, List<String> people) {
      return switch (type) {
        case DAILY -> Rotation.daily(name, time, start, people);
        case WEEKLY -> Rotation.weekly(name, day, time, start, people);
        case CUSTOM ->
            hours > 0
                ? Rotation.everyHours(name, hours, time, start, people)
                : Rotation.everyDays(name, Period.ofDays(days), time, start, people);
      };
    }

    /** The local times hand-offs may be at, or empty when they wander (hours not dividing 24). */
    Set<LocalTime> localTimes() {
      if (hours == 0) {
        return Set.of(time);
      }
      if (24 % hours != 0) {
        return Set.of();
      }
      Set<LocalTime> times = new TreeSet<>();
      for (int h = 0; h < 24; h += hours) {
        times.add(time.plusHours(h));
      }
      return times;
    }
  }

  /** A stretch of the window, in thousandths of it, for an override or time off. */
  record Span(int person, int start, int length) {}

  /** A generated case: one zone, a window around one of its offset changes, a rotation shape. */
  record Case(ZoneId zone, Instant from, Instant to, Shape shape, int people, int startsEarlier) {

    List<String> participants() {
      return IntStream.range(0, people).mapToObj(i -> "p" + i).toList();
    }

    LocalDate start() {
      // at least 8 days before the window, so the first hand-off (within 7 days) is before it
      return LocalDate.ofInstant(from, zone).minusDays(8L + startsEarlier);
    }

    Schedule single() {
      return new Schedule("s", zone, List.of(shape.rotation("r", start(), participants())));
    }

    /** A one-person backstop under the rotation, so someone is always on call. */
    Schedule layered(List<Span> overrides) {
      Rotation backstop = Rotation.daily("backstop", LocalTime.of(9, 0), start(), List.of("zz"));
      List<ScheduleOverride> os =
          overrides.stream()
              .map(s -> new ScheduleOverride("o" + s.person(), at(s.start()), end(s), null))
              .toList();
      return new Schedule(
          "s", zone, List.of(backstop, shape.rotation("r", start(), participants())), os);
    }

    List<TimeOff> timeOff(List<Span> spans) {
      return spans.stream()
          .map(s -> new TimeOff("p" + (s.person() % people), at(s.start()), end(s)))
          .toList();
    }

    Instant at(int permille) {
      return from.plus(Duration.between(from, to).multipliedBy(permille).dividedBy(1000));
    }

    private Instant end(Span s) {
      return at(s.start())
          .plus(Duration.between(from, to).multipliedBy(s.length()).dividedBy(4000));
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<ZoneId> zones =
        Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(ALL_ZONES)), Tuple.of(1, Arbitraries.of(TRICKY_ZONES)))
            .map(ZoneId::of);
    Arbitrary<LocalDate> dates =
        Arbitraries.longs()
            .between(FIRST.toEpochDay(), LAST.minusYears(1).toEpochDay())
            .map(LocalDate::ofEpochDay);
    return Combinators.combine(
            zones,
            dates,
            shapes(),
            Arbitraries.integers().between(1, 5),
            Arbitraries.integers().between(0, 40),
            Arbitraries.integers().between(1, 20))
        .as(
            (zone, date, shape, people, earlier, before) -> {
              Instant anchor = date.atStartOfDay(zone).toInstant();
              ZoneOffsetTransition change = zone.getRules().nextTransition(anchor);
              Instant centre =
                  change != null && change.getInstant().isBefore(anchor.plus(Duration.ofDays(730)))
                      ? change.getInstant()
                      : anchor;
              // shorter windows for hourly turns keep each try fast
              Duration span = Duration.ofDays(shape.hours() > 0 && shape.hours() < 6 ? 6 : 30);
              Instant from = centre.minus(span.multipliedBy(before).dividedBy(21));
              return new Case(zone, from, from.plus(span), shape, people, earlier);
            });
  }

  Arbitrary<Shape> shapes() {
    Arbitrary<LocalTime> nearChanges =
        Arbitraries.of(0, 30, 60, 90, 120, 150, 180, 1410).map(m -> LocalTime.of(m / 60, m % 60));
    Arbitrary<LocalTime> anyMinute =
        Arbitraries.integers().between(0, 1439).map(m -> LocalTime.of(m / 60, m % 60));
    Arbitrary<Integer> hours =
        Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.of(1, 2, 3, 4, 6, 8, 12, 24)),
            Tuple.of(1, Arbitraries.integers().between(1, 72)));
    return Combinators.combine(
            Arbitraries.of("daily", "weekly", "days", "hours"),
            Arbitraries.of(DayOfWeek.class),
            Arbitraries.frequencyOf(Tuple.of(1, nearChanges), Tuple.of(1, anyMinute)),
            Arbitraries.integers().between(1, 21),
            hours)
        .as(
            (kind, day, time, days, h) ->
                switch (kind) {
                  case "daily" -> new Shape(Rotation.Type.DAILY, day, time, 0, 0);
                  case "weekly" -> new Shape(Rotation.Type.WEEKLY, day, time, 0, 0);
                  case "days" -> new Shape(Rotation.Type.CUSTOM, day, time, days, 0);
                  default -> new Shape(Rotation.Type.CUSTOM, day, time, 0, h);
                });
  }

  @Provide
  Arbitrary<List<Span>> spans() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 4),
            Arbitraries.integers().between(0, 999),
            Arbitraries.integers().between(1, 1000))
        .as(Span::new)
        .list()
        .ofMaxSize(4);
  }

  @Property(tries = 400)
  void betweenIsContiguousAndCoversTheRangeWhenSomeoneIsAlwaysOnCall(
      @ForAll("cases") Case c,
      @ForAll("spans") List<Span> overrides,
      @ForAll("spans") List<Span> away) {
    List<Shift> shifts = onCall.between(c.layered(overrides), c.from, c.to, c.timeOff(away));

    assertThat(shifts).isNotEmpty();
    assertThat(shifts.get(0).start()).isEqualTo(c.from);
    assertThat(shifts.get(shifts.size() - 1).end()).isEqualTo(c.to);
    for (int i = 0; i < shifts.size(); i++) {
      assertThat(shifts.get(i).start()).isBefore(shifts.get(i).end());
      if (i > 0) {
        assertThat(shifts.get(i).start()).isEqualTo(shifts.get(i - 1).end());
      }
    }
  }

  @Property(tries = 500)
  void everyHandOffIsAtTheHandOffLocalTimeOrTheFirstInstantAfterAGap(@ForAll("cases") Case c) {
    Set<LocalTime> times = c.shape.localTimes();
    List<Instant> handOffs = handOffs(onCall.between(c.single(), c.from, c.to, List.of()));

    boolean sawGap = false;
    for (Instant h : handOffs) {
      Optional<LocalDateTime> meant = intended(h, c.zone, times);
      if (!times.isEmpty()) {
        assertThat(meant).as("hand-off %s in %s", h, c.zone).isPresent();
        sawGap |= !LocalDateTime.ofInstant(h, c.zone).equals(meant.get());
      }
    }
    Statistics.label("a hand-off moved by a gap").collect(sawGap);
    Statistics.label("a hand-off moved by a gap").coverage(k -> k.check(true).count(n -> n > 0));
  }

  @Property(tries = 400)
  void participantsCycleInOrderFromParticipantZeroAtTheFirstHandOff(@ForAll("cases") Case c) {
    Schedule s = c.single();
    Instant before = c.start().minusDays(1).atStartOfDay(c.zone).toInstant();
    List<Shift> shifts = onCall.between(s, before, c.to, List.of());

    Shift first = shifts.get(0);
    assertThat(first.person()).isEqualTo("p0");
    LocalDate firstDay =
        c.shape.type() == Rotation.Type.WEEKLY
            ? c.start().with(java.time.temporal.TemporalAdjusters.nextOrSame(c.shape.day()))
            : c.start();
    assertThat(intended(first.start(), c.zone, Set.of(c.shape.time())))
        .contains(firstDay.atTime(c.shape.time()));
    for (int i = 1; i < shifts.size(); i++) {
      int previous = index(shifts.get(i - 1));
      int now = index(shifts.get(i));
      if (now != (previous + 1) % c.people) {
        // only a turn that fell wholly into a gap may be skipped
        assertThat(isGapAt(shifts.get(i).start(), c.zone)).isTrue();
      }
    }
  }

  @Property(tries = 500)
  void atAgreesWithTheShiftOfBetweenThatContainsTheInstant(
      @ForAll("cases") Case c,
      @ForAll("spans") List<Span> overrides,
      @ForAll("spans") List<Span> away,
      @ForAll @IntRange(min = 0, max = 999) int where) {
    Schedule s = c.layered(overrides);
    List<TimeOff> timeOff = c.timeOff(away);
    Instant t = c.at(where);

    Shift whole = onCall.at(s, t, timeOff).orElseThrow();
    Shift clipped =
        onCall.between(s, c.from, c.to, timeOff).stream()
            .filter(x -> x.contains(t))
            .findFirst()
            .orElseThrow();

    assertThat(clipped)
        .isEqualTo(
            new Shift(
                whole.person(),
                later(whole.start(), c.from),
                earlier(whole.end(), c.to),
                whole.layer(),
                whole.reason()));
  }

  @Property(tries = 300)
  void shiftsDoNotDependOnTheRangeAskedFor(
      @ForAll("cases") Case c,
      @ForAll("spans") List<Span> overrides,
      @ForAll("spans") List<Span> away,
      @ForAll @IntRange(min = 0, max = 998) int a,
      @ForAll @IntRange(min = 1, max = 999) int length) {
    Schedule s = c.layered(overrides);
    List<TimeOff> timeOff = c.timeOff(away);
    Instant from = c.at(a);
    Instant to = c.at(Math.min(1000, a + length));

    List<Shift> part = onCall.between(s, from, to, timeOff);
    List<Shift> whole = onCall.between(s, c.from, c.to, timeOff);

    List<Shift> expected = new ArrayList<>();
    for (Shift x : whole) {
      if (x.end().isAfter(from) && x.start().isBefore(to)) {
        expected.add(
            new Shift(
                x.person(), later(x.start(), from), earlier(x.end(), to), x.layer(), x.reason()));
      }
    }
    assertThat(part).isEqualTo(expected);
  }

  @Property(tries = 200)
  void nextGivesTheWholeShiftsThatBetweenGivesOverTheirSpan(
      @ForAll("cases") Case c,
      @ForAll("spans") List<Span> overrides,
      @ForAll("spans") List<Span> away,
      @ForAll @IntRange(min = 1, max = 12) int n) {
    Schedule s = c.layered(overrides);
    List<TimeOff> timeOff = c.timeOff(away);

    List<Shift> next = onCall.next(s, c.from, n, timeOff);

    assertThat(next).hasSize(n);
    assertThat(next.get(0)).isEqualTo(onCall.at(s, c.from, timeOff).orElseThrow());
    assertThat(onCall.between(s, next.get(0).start(), next.get(n - 1).end(), timeOff))
        .isEqualTo(next);
  }

  @Property(tries = 400)
  void aWeeklyRotationHandsOffExactlyOncePerWeek(
      @ForAll("cases") Case generated, @ForAll DayOfWeek day) {
    Case c =
        withShape(generated, new Shape(Rotation.Type.WEEKLY, day, generated.shape.time(), 0, 0));
    List<LocalDateTime> meant =
        handOffs(onCall.between(c.single(), c.from, c.to, List.of())).stream()
            .map(h -> intended(h, c.zone, Set.of(c.shape.time())).orElseThrow())
            .toList();

    assertThat(meant).allSatisfy(m -> assertThat(m.getDayOfWeek()).isEqualTo(day));
    for (int i = 1; i < meant.size(); i++) {
      assertThat(ChronoUnit.DAYS.between(meant.get(i - 1), meant.get(i))).isEqualTo(7);
    }
    // and no week at either end of the 30-day window without one
    LocalDateTime from = LocalDateTime.ofInstant(c.from, c.zone);
    LocalDateTime to = LocalDateTime.ofInstant(c.to, c.zone);
    assertThat(Duration.between(from, meant.get(0))).isLessThanOrEqualTo(Duration.ofDays(7));
    assertThat(Duration.between(meant.get(meant.size() - 1), to))
        .isLessThanOrEqualTo(Duration.ofDays(7));
  }

  @Property(tries = 400)
  void twelveHourTurnsStayAtTheSameTwoLocalTimes(@ForAll("cases") Case generated) {
    Case c =
        withShape(
            generated,
            new Shape(Rotation.Type.CUSTOM, DayOfWeek.MONDAY, generated.shape.time(), 0, 12));
    LocalTime t = c.shape.time();
    List<LocalDateTime> meant =
        handOffs(onCall.between(c.single(), c.from, c.to, List.of())).stream()
            .map(h -> intended(h, c.zone, Set.of(t, t.plusHours(12))).orElseThrow())
            .toList();

    assertThat(meant).hasSizeGreaterThanOrEqualTo(50);
    for (int i = 1; i < meant.size(); i++) {
      long hours = ChronoUnit.HOURS.between(meant.get(i - 1), meant.get(i));
      assertThat(hours).isPositive().isEqualTo(hours / 12 * 12);
    }
  }

  private static Case withShape(Case c, Shape shape) {
    return new Case(
        c.zone, c.from, c.from.plus(Duration.ofDays(30)), shape, c.people, c.startsEarlier);
  }

  /** Every shift start but the first, which the range may have cut. */
  private static List<Instant> handOffs(List<Shift> shifts) {
    return shifts.stream().skip(1).map(Shift::start).toList();
  }

  /**
   * The local hand-off time an instant stands for: the time it shows (at the earlier offset if it
   * shows twice), or, when it is the moment clocks jump forward, the one of {@code times} in the
   * gap.
   */
  private static Optional<LocalDateTime> intended(Instant h, ZoneId zone, Set<LocalTime> times) {
    LocalDateTime shown = LocalDateTime.ofInstant(h, zone);
    if (times.contains(shown.toLocalTime())) {
      boolean earlier = shown.atZone(zone).withEarlierOffsetAtOverlap().toInstant().equals(h);
      return earlier ? Optional.of(shown) : Optional.empty();
    }
    ZoneOffsetTransition jump = zone.getRules().nextTransition(h.minusNanos(1));
    if (jump == null || !jump.getInstant().equals(h) || !jump.isGap()) {
      return Optional.empty();
    }
    for (LocalDate d = jump.getDateTimeBefore().toLocalDate();
        !d.isAfter(jump.getDateTimeAfter().toLocalDate());
        d = d.plusDays(1)) {
      for (LocalTime t : times) {
        LocalDateTime candidate = d.atTime(t);
        if (!candidate.isBefore(jump.getDateTimeBefore())
            && candidate.isBefore(jump.getDateTimeAfter())) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isGapAt(Instant t, ZoneId zone) {
    ZoneOffsetTransition jump = zone.getRules().nextTransition(t.minusNanos(1));
    return jump != null && jump.getInstant().equals(t) && jump.isGap();
  }

  private static int index(Shift s) {
    return Integer.parseInt(s.person().substring(1));
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
