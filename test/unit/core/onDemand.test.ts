import * as assert from 'node:assert/strict';
import { OnDemand } from '../../../src/core/onDemand';

class Part {
  disposed = 0;
  dispose(): void {
    this.disposed++;
  }
}

suite('OnDemand: a feature built on first use', () => {
  test('nothing is built until the first get(); concurrent callers share one build', async () => {
    let builds = 0;
    const part = new OnDemand(() => {
      builds++;
      return new Part();
    });
    assert.equal(part.built, undefined);
    assert.equal(builds, 0);
    const [a, b] = await Promise.all([part.get(), part.get()]);
    assert.equal(builds, 1);
    assert.equal(a, b);
    assert.equal(part.built, a);
    assert.equal(await part.get(), a);
    assert.equal(builds, 1);
  });

  test('an asynchronous build is shared too', async () => {
    let builds = 0;
    const part = new OnDemand(async () => {
      builds++;
      await new Promise((resolve) => setImmediate(resolve));
      return new Part();
    });
    const [a, b] = await Promise.all([part.get(), part.get()]);
    assert.equal(builds, 1);
    assert.equal(a, b);
  });

  test('a build that throws (synchronously or not) is tried again on the next use', async () => {
    let attempts = 0;
    const part = new OnDemand(() => {
      attempts++;
      if (attempts === 1) throw new Error('first build failed');
      return new Part();
    });
    await assert.rejects(part.get(), /first build failed/);
    assert.equal(part.built, undefined);
    assert.ok((await part.get()) instanceof Part);
    assert.equal(attempts, 2);

    let asyncAttempts = 0;
    const asyncPart = new OnDemand(async () => {
      asyncAttempts++;
      await Promise.resolve();
      if (asyncAttempts === 1) throw new Error('first async build failed');
      return new Part();
    });
    await assert.rejects(asyncPart.get(), /first async build failed/);
    assert.ok((await asyncPart.get()) instanceof Part);
  });

  test('dispose disposes what was built, once; nothing is built after it', async () => {
    let builds = 0;
    const part = new OnDemand(() => {
      builds++;
      return new Part();
    });
    const built = await part.get();
    part.dispose();
    part.dispose();
    assert.equal(built.disposed, 1);
    await assert.rejects(part.get(), /after dispose/);
    assert.equal(builds, 1);
  });

  test('a build still on its way at dispose is disposed when it arrives, not kept', async () => {
    let release: () => void = () => undefined;
    const made: Part[] = [];
    const part = new OnDemand(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      const value = new Part();
      made.push(value);
      return value;
    });
    const pending = part.get();
    part.dispose();
    release();
    await assert.rejects(pending, /after dispose/);
    assert.equal(made[0]?.disposed, 1);
    assert.equal(part.built, undefined);
  });

  test('load(use) is get() with a failed build logged as "Could not load <what> (<use>)"; the caller still fails', async () => {
    const logged: string[] = [];
    let fail = true;
    const part = new OnDemand(
      () => {
        if (fail) throw new Error('chunk missing');
        return { dispose: () => undefined };
      },
      { log: { error: (message) => void logged.push(String(message)) }, what: 'the outline' },
    );
    await assert.rejects(part.load('hover'), /chunk missing/);
    await assert.rejects(part.load(), /chunk missing/);
    assert.deepEqual(logged, ['Could not load the outline (hover)', 'Could not load the outline']);
    fail = false;
    assert.ok(await part.load('hover'));
    assert.equal(logged.length, 2, 'a build that succeeds logs nothing');
  });
});
