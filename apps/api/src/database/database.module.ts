import { Global, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config';
import { dataSourceOptions, migrateWithLock } from './data-source';
import { DatabaseRuntime } from './database-runtime';
import { NotificationHub } from './notification-hub';

@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: DatabaseRuntime,
  ) {}

  /** Runs after every other module has stopped (jobs stop in beforeApplicationShutdown). */
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.runtime.close();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: DatabaseRuntime,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => DatabaseRuntime.open(config),
    },
    {
      provide: DataSource,
      inject: [APP_CONFIG, DatabaseRuntime],
      useFactory: async (config: AppConfig, runtime: DatabaseRuntime) => {
        const dataSource = new DataSource(
          dataSourceOptions(runtime.url, runtime.poolSize(config.database.poolMax)),
        );
        try {
          await dataSource.initialize();
          const applied = await migrateWithLock(dataSource);
          if (applied.length > 0) new Logger('Database').log(`Applied migrations: ${applied.join(', ')}`);
        } catch (error) {
          if (dataSource.isInitialized) await dataSource.destroy();
          await runtime.close();
          throw error;
        }
        return dataSource;
      },
    },
    DatabaseLifecycle,
    NotificationHub,
  ],
  exports: [DataSource, DatabaseRuntime, NotificationHub],
})
export class DatabaseModule {}
