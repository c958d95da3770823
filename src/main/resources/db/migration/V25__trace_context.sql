-- The W3C trace context (a traceparent header value) of the work that stored the row, so the
-- asynchronous step that picks it up later continues the same trace: the inbox worker's "process
-- webhook" span is a child of the webhook request's span, the dispatcher's "deliver" span a child of
-- the span that planned the delivery. Null for rows stored before tracing, or with no current span.
alter table inbox add column traceparent text;
alter table deliveries add column traceparent text;
