import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable, isUniqueViolation } from './db-errors';

const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['connection refused', coded('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['connection dropped', new Error('Connection terminated unexpectedly')],
    ['pool wait', new Error('timeout exceeded when trying to connect')],
    ['server shutting down', coded('57P01', 'terminating connection due to administrator command')],
    ['server starting', coded('57P03', 'the database system is starting up')],
    ['wrapped by TypeORM', new QueryFailedError('SELECT 1', [], coded('57P01'))],
  ])('%s: true', (_, error) => expect(isDatabaseUnavailable(error)).toBe(true));

  it.each([
    ['unique violation', new QueryFailedError('INSERT', [], coded('23505'))],
    ['syntax error', coded('42601', 'syntax error at or near')],
    ['plain bug', new TypeError('x is undefined')],
    ['not an error', 'nope'],
    ['null', null],
  ])('%s: false', (_, error) => expect(isDatabaseUnavailable(error)).toBe(false));

  it('leaves isUniqueViolation as it was', () => {
    expect(isUniqueViolation(new QueryFailedError('INSERT', [], coded('23505')))).toBe(true);
  });
});
