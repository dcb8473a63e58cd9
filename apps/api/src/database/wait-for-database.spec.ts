import { untilDatabaseAnswers } from './wait-for-database';

const down = (failures: number) => {
  let left = failures;
  return {
    query: jest.fn(async () => {
      if (left-- > 0) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      return [{ '?column?': 1 }];
    }),
  };
};

describe('untilDatabaseAnswers', () => {
  it('answers at once when the database is up', async () => {
    const db = down(0);
    expect(await untilDatabaseAnswers(db, 1000, 5)).toBe(true);
    expect(db.query).toHaveBeenCalledTimes(1);
  });

  it('waits while the database restarts', async () => {
    const db = down(3);
    expect(await untilDatabaseAnswers(db, 1000, 5)).toBe(true);
    expect(db.query).toHaveBeenCalledTimes(4);
  });

  it('gives up after its timeout', async () => {
    const db = down(Infinity);
    const started = Date.now();
    expect(await untilDatabaseAnswers(db, 100, 5)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
