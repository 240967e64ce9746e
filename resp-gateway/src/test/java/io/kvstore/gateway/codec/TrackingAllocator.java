package io.kvstore.gateway.codec;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;

/** A heap allocator that remembers the largest buffer anyone asked it for. */
final class TrackingAllocator extends AbstractByteBufAllocator {
  long largest;

  TrackingAllocator() {
    super(false);
  }

  @Override
  protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
    largest = Math.max(largest, initialCapacity);
    return new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity) {
      @Override
      public ByteBuf capacity(int newCapacity) {
        largest = Math.max(largest, newCapacity);
        return super.capacity(newCapacity);
      }
    };
  }

  @Override
  protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
    return newHeapBuffer(initialCapacity, maxCapacity);
  }

  @Override
  public boolean isDirectBufferPooled() {
    return false;
  }
}
