import { UserEntity } from '../modules/auth/user.entity';

/** Every TypeORM entity; the schema itself is defined by the migrations. */
export const ENTITIES = [UserEntity];
