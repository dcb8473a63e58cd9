import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/** Whitelist, forbid unknown fields, and name every bad field in one 400. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => new BadRequestException(flattenValidationErrors(errors)),
  });
}

/** Every constraint message, each naming the full path of its field (`zoho.client_secret ...`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => {
      if (message.startsWith(path)) return message;
      if (message.startsWith(error.property)) return path + message.slice(error.property.length);
      if (message.startsWith(`property ${error.property} `))
        return `property ${path}${message.slice(9 + error.property.length)}`;
      return `${path}: ${message}`;
    });
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}
