import { Service } from "electrodb";
import { Table } from "../bindings";
import { dynamo } from "./client";
import { CommentEntity } from "./entities/comment";
import { CounterEntity } from "./entities/counter";
import { CourseEntity } from "./entities/course";
import { EnrollmentEntity } from "./entities/enrollment";
import { IdentifierEntity } from "./entities/identifier";
import { LessonEntity } from "./entities/lesson";
import { LoginAttemptEntity } from "./entities/login-attempt";
import { MembershipEntity } from "./entities/membership";
import { EmailDeliveryEntity, MailSuppressionEntity, NotificationEntity, NotificationSettingsEntity } from "./entities/notification";
import { LessonProgressEntity } from "./entities/progress";
import { RecipeEntity } from "./entities/recipe";
import { RefreshFamilyEntity, RefreshTokenEntity } from "./entities/refresh-token";
import { UserEntity } from "./entities/user";
import { LessonTextEntity } from "./entities/lesson-text";
import { CertificateClaimEntity, CertificateEntity } from "./entities/certificate";
import { ReviewEntity } from "./entities/review";
import { ReactionEntity } from "./entities/reaction";
import { AuditEntryEntity } from "./entities/audit-entry";
import { EnrollmentImportEntity } from "./entities/enrollment-import";
import { LearningPathEntity } from "./entities/learning-path";
import { VideoUploadEntity } from "./entities/video-upload";
import { SearchIndexEntity } from "./entities/search-index";
import { PersonalDataExportEntity } from "./entities/personal-data-export";

function createService(table: string) {
  return new Service(
    {
      user: UserEntity,
      identifier: IdentifierEntity,
      refreshToken: RefreshTokenEntity,
      refreshFamily: RefreshFamilyEntity,
      loginAttempt: LoginAttemptEntity,
      course: CourseEntity,
      lesson: LessonEntity,
      recipe: RecipeEntity,
      enrollment: EnrollmentEntity,
      membership: MembershipEntity,
      lessonProgress: LessonProgressEntity,
      comment: CommentEntity,
      counter: CounterEntity,
      // notifications (core/notifications/)
      notification: NotificationEntity,
      notificationSettings: NotificationSettingsEntity,
      emailDelivery: EmailDeliveryEntity,
      mailSuppression: MailSuppressionEntity,
      // Learning beyond the basics (issue 17).
      lessonText: LessonTextEntity,
      certificate: CertificateEntity,
      certificateClaim: CertificateClaimEntity,
      review: ReviewEntity,
      reaction: ReactionEntity,

      auditEntry: AuditEntryEntity,
      enrollmentImport: EnrollmentImportEntity,
      // Learning paths (issue 17, core/paths/).
      learningPath: LearningPathEntity,
      // Lesson videos uploaded in parts (issue 14, core/media/multipart.ts).
      videoUpload: VideoUploadEntity,
      // Search (issue 15, core/search/): the pointer to the current index.
      searchIndex: SearchIndexEntity,
      // Personal data exports (issue 18, core/exports/).
      personalDataExport: PersonalDataExportEntity,
    },
    { client: dynamo, table },
  );
}

let service: ReturnType<typeof createService> | undefined;

/**
 * The ElectroDB service over the one table. Built on first use, not at import: the table name is a binding
 * (`Table.Main`), which exists only inside a running function, never while the stack synthesizes.
 */
export function db(): ReturnType<typeof createService> {
  service ??= createService(Table.Main.tableName);
  return service;
}
