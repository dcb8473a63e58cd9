import { UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { QueryFailedError } from 'typeorm';
import { JwtAuthGuard } from './jwt-auth.guard';

describe('JwtAuthGuard.handleRequest', () => {
  const guard = new JwtAuthGuard(new Reflector());

  it('passes the user through', () => {
    expect(guard.handleRequest(null, { userId: 'u1' }, undefined)).toEqual({ userId: 'u1' });
  });

  it('answers 401 for a missing or invalid token, and for an expired one with its own message', () => {
    expect(() => guard.handleRequest(null, false, new Error('No auth token'))).toThrow(
      new UnauthorizedException('Missing or invalid access token'),
    );
    const expired = Object.assign(new Error('jwt expired'), { name: 'TokenExpiredError' });
    expect(() => guard.handleRequest(null, false, expired)).toThrow(
      new UnauthorizedException('Access token has expired'),
    );
  });

  it('keeps a 401 raised while loading the user (disabled user, changed role)', () => {
    const refused = new UnauthorizedException('Missing or invalid access token');
    expect(() => guard.handleRequest(refused, false, undefined)).toThrow(refused);
  });

  it('lets a database failure through as a server error instead of signing the client out', () => {
    const down = new QueryFailedError('SELECT', [], new Error('Connection terminated unexpectedly'));
    expect(() => guard.handleRequest(down, false, undefined)).toThrow(down);
  });
});
