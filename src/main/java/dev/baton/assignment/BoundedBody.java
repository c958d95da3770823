package dev.baton.assignment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * Collects a response body of at most {@code limit} bytes; a longer one is cut off (the connection
 * is let go) and fails with {@link TooLarge}, so a misbehaving endpoint cannot fill memory.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

  /** The body was longer than allowed. */
  static final class TooLarge extends IOException {
    TooLarge(int limit) {
      super("the answer is larger than " + limit + " bytes");
    }
  }

  private final int limit;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private Flow.@Nullable Subscription subscription;

  BoundedBody(int limit) {
    this.limit = limit;
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer item : items) {
      if (body.size() + item.remaining() > limit) {
        if (subscription != null) {
          subscription.cancel();
        }
        result.completeExceptionally(new TooLarge(limit));
        return;
      }
      byte[] chunk = new byte[item.remaining()];
      item.get(chunk);
      body.writeBytes(chunk);
    }
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    result.complete(body.toByteArray());
  }
}
