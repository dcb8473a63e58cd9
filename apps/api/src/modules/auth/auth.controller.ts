import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AuthUser, LoginResponse, VerifyResponse } from '@parley/shared-types';
import type { Request } from 'express';
import { AuthContext } from '../../common/auth/auth-context';
import { CurrentUser, Public, Roles } from '../../common/auth/decorators';
import { AuthService, contextToAuthUser } from './auth.service';
import { LoginDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ description: 'An access token and the user it belongs to' })
  @ApiUnauthorizedResponse({ description: 'Email or password is incorrect' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address or for this email' })
  login(@Body() dto: LoginDto, @Req() req: Request): Promise<LoginResponse> {
    return this.auth.login(dto, req.ip ?? 'unknown');
  }

  @Get('verify')
  @Roles('platform_admin', 'tenant_admin')
  verify(@CurrentUser() user: AuthContext): VerifyResponse {
    return { valid: true, user: contextToAuthUser(user) };
  }

  @Get('me')
  @Roles('platform_admin', 'tenant_admin')
  me(@CurrentUser() user: AuthContext): AuthUser {
    return contextToAuthUser(user);
  }
}
