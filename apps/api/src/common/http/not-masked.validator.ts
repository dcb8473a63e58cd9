import { ValidateBy, ValidationOptions } from 'class-validator';
import { looksMasked } from '../crypto/masking';

/**
 * Refuses a secret that is really the masked form the API showed (`***1234`): storing it would
 * destroy the real secret.
 */
export function IsNotMasked(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotMasked',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !looksMasked(value),
        defaultMessage: (args) =>
          `${args?.property} is a masked value; send the real secret, or leave the field out to keep the stored one`,
      },
    },
    options,
  );
}
