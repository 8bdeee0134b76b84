/**
 * Generated from GET /api/openapi.json by openapi-typescript (npm run console:types). Do not edit: regenerate.
 */

export interface paths {
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness: answers once the API can reach its table
         * @description For anyone: no credentials needed.
         */
        get: operations["healthGet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The public keys that verify access tokens (JWKS)
         * @description For anyone: no credentials needed.
         */
        get: operations["authJwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This API's OpenAPI 3.1 document, generated from the route table and the handlers' schemas
         * @description For anyone: no credentials needed.
         */
        get: operations["docsOpenapi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The interactive API reference (Swagger UI)
         * @description For anyone: no credentials needed.
         */
        get: operations["docsPage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/docs/{asset}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A script or stylesheet of the API reference page
         * @description For anyone: no credentials needed.
         */
        get: operations["docsAsset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange email and password for an access and a refresh token
         * @description For anyone: no credentials needed.
         */
        post: operations["authLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh token for a new pair (the old one is spent)
         * @description For anyone: no credentials needed.
         */
        post: operations["authRefresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a refresh token and every token rotated from it
         * @description For anyone: no credentials needed.
         */
        post: operations["authLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in user's profile
         * @description For any signed-in user.
         */
        get: operations["authGetMe"];
        /**
         * Update the signed-in user's profile
         * @description For any signed-in user.
         */
        put: operations["authUpdateMe"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/change-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Change the password; earlier access tokens stop working
         * @description For any signed-in user.
         */
        put: operations["authChangePassword"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List users (filters: role, is_active, email prefix q)
         * @description For admins.
         */
        get: operations["usersList"];
        put?: never;
        /**
         * Create a user (only an admin creates admins)
         * @description For admins.
         */
        post: operations["usersCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user
         * @description For admins.
         */
        get: operations["usersGet"];
        /**
         * Update a user; is_active=true reactivates
         * @description For admins.
         */
        put: operations["usersUpdate"];
        post?: never;
        /**
         * Deactivate a user: their tokens stop working at once; nothing is deleted
         * @description For admins.
         */
        delete: operations["usersDeactivate"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user's progress in every course
         * @description For admins.
         */
        get: operations["usersProgress"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/courses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Courses: all for an admin, the accessible active ones for a student
         * @description For any signed-in user.
         */
        get: operations["coursesList"];
        put?: never;
        /**
         * Create a course
         * @description For admins.
         */
        post: operations["coursesCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/courses/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A course with its lessons and recipes (a summary and preview lessons without access)
         * @description For any signed-in user.
         */
        get: operations["coursesGet"];
        /**
         * Update a course (If-Match: its ETag refuses a stale write)
         * @description For admins.
         */
        put: operations["coursesUpdate"];
        post?: never;
        /**
         * Delete a course and everything in it
         * @description For admins.
         */
        delete: operations["coursesDelete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/courses/{id}/whatsapp-group": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set or clear the course's WhatsApp group link
         * @description For admins.
         */
        put: operations["coursesSetWhatsappGroup"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/courses/{id}/upload-thumbnail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A presigned POST to upload the course thumbnail straight to S3
         * @description For admins.
         */
        post: operations["coursesUploadThumbnail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/courses/{id}/generate-recipe-pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rebuild the course's consolidated recipe PDF now
         * @description For admins.
         */
        post: operations["coursesGenerateRecipePdf"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/courses/{id}/students": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The course's enrolled students
         * @description For admins.
         */
        get: operations["coursesStudents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/courses/{id}/lessons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A course's lessons in order (preview lessons only without access)
         * @description For any signed-in user.
         */
        get: operations["lessonsList"];
        put?: never;
        /**
         * Add a lesson to a course
         * @description For admins.
         */
        post: operations["lessonsCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lessons/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A lesson (with access, or a preview lesson)
         * @description For any signed-in user.
         */
        get: operations["lessonsGet"];
        /**
         * Update a lesson
         * @description For admins.
         */
        put: operations["lessonsUpdate"];
        post?: never;
        /**
         * Delete a lesson
         * @description For admins.
         */
        delete: operations["lessonsDelete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lessons/{id}/upload-video": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A presigned POST to upload the lesson video straight to S3
         * @description For admins.
         */
        post: operations["lessonsUploadVideo"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/courses/{id}/recipes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A course's recipes in order (with access)
         * @description For any signed-in user.
         */
        get: operations["recipesList"];
        put?: never;
        /**
         * Add a recipe to a course
         * @description For admins.
         */
        post: operations["recipesCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/recipes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A recipe (with access)
         * @description For any signed-in user.
         */
        get: operations["recipesGet"];
        /**
         * Update a recipe
         * @description For admins.
         */
        put: operations["recipesUpdate"];
        post?: never;
        /**
         * Delete a recipe
         * @description For admins.
         */
        delete: operations["recipesDelete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/recipes/{id}/upload-image": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A presigned POST to upload the recipe photo straight to S3
         * @description For admins.
         */
        post: operations["recipesUploadImage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/courses/{id}/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's progress in each lesson of a course; for an admin, every student's too
         * @description For any signed-in user.
         */
        get: operations["progressCourse"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lessons/{id}/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Save where the caller is in the lesson's video
         * @description For any signed-in user.
         */
        post: operations["progressRecordPosition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lessons/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Mark the lesson completed (or not) for the caller
         * @description For any signed-in user.
         */
        put: operations["progressSetCompleted"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/courses/{id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The course forum: threads newest first, each with its replies
         * @description For any signed-in user.
         */
        get: operations["commentsList"];
        put?: never;
        /**
         * Start a thread in the course forum
         * @description For any signed-in user.
         */
        post: operations["commentsCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/comments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A thread with its replies, or one reply
         * @description For any signed-in user.
         */
        get: operations["commentsGet"];
        /**
         * Edit your own comment
         * @description For any signed-in user.
         */
        put: operations["commentsUpdate"];
        post?: never;
        /**
         * Delete your own comment (an admin deletes any)
         * @description For any signed-in user.
         */
        delete: operations["commentsDelete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/comments/{id}/reply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reply to a comment (the reply joins its thread)
         * @description For any signed-in user.
         */
        post: operations["commentsReply"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/comments/{id}/moderate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Hide or show a comment
         * @description For admins.
         */
        put: operations["commentsModerate"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dashboard/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Platform figures: users, courses, active access, completions, recent comments
         * @description For admins.
         */
        get: operations["dashboardStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dashboard/my-courses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's courses with their progress and when access ends
         * @description For any signed-in user.
         */
        get: operations["dashboardMyCourses"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dashboard/my-progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's progress over all their courses
         * @description For any signed-in user.
         */
        get: operations["dashboardMyProgress"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/enrollments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Enrollments (filters: user_id, course_id, active)
         * @description For admins.
         */
        get: operations["enrollmentsList"];
        put?: never;
        /**
         * Enroll a user in a course (one per user and course)
         * @description For admins.
         */
        post: operations["enrollmentsCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/enrollments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An enrollment
         * @description For admins.
         */
        get: operations["enrollmentsGet"];
        /**
         * Extend, end (expires_at <= now) or switch an enrollment
         * @description For admins.
         */
        put: operations["enrollmentsUpdate"];
        post?: never;
        /**
         * Revoke an enrollment
         * @description For admins.
         */
        delete: operations["enrollmentsDelete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/memberships": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Memberships (filters: user_id, active)
         * @description For admins.
         */
        get: operations["membershipsList"];
        put?: never;
        /**
         * Grant a membership (every course, for a period)
         * @description For admins.
         */
        post: operations["membershipsCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/memberships/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A membership
         * @description For admins.
         */
        get: operations["membershipsGet"];
        /**
         * Extend, shorten or switch a membership
         * @description For admins.
         */
        put: operations["membershipsUpdate"];
        post?: never;
        /**
         * Delete a membership
         * @description For admins.
         */
        delete: operations["membershipsDelete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description RFC 9457 problem details (`application/problem+json`). */
        Problem: {
            /** @description A URI for the kind of problem; `about:blank` when the status says it all. */
            type: string;
            /** @description The status's name, like `Bad Request`. */
            title: string;
            status: number;
            /** @description What went wrong, in words a person can act on. */
            detail: string;
            /** @description One entry per invalid field. */
            errors?: {
                /** @description Where: `body.email`, `query.limit`, `path.id`, `header.if-match`; `body` for the body as a whole. */
                path: string;
                message: string;
            }[];
        };
        /** @description RFC 7517 JSON Web Key Set. */
        JwksResponse: {
            keys: {
                /** @constant */
                kty: "EC";
                /** @constant */
                crv: "P-256";
                x: string;
                y: string;
                kid: string;
                /** @constant */
                alg: "ES256";
                /** @constant */
                use: "sig";
            }[];
        };
        TokenPairResponse: {
            /** @description An ES256 JWT: send it as `Authorization: Bearer <token>`. */
            access_token: string;
            /** @description Opaque; good for one `POST /api/auth/refresh` within 30 days. */
            refresh_token: string;
            /** @constant */
            token_type: "Bearer";
            /** @description Seconds the access token is valid. */
            expires_in: number;
            user: components["schemas"]["UserResponse"];
        };
        UserResponse: {
            id: string;
            email: string;
            username: string | null;
            full_name: string;
            /** @enum {string} */
            role: "ADMIN" | "USER";
            is_active: boolean;
            avatar_url: string | null;
            created_at: string;
            updated_at: string;
        };
        UserListResponse: {
            items: components["schemas"]["UserResponse"][];
            /** @description Send it back as `cursor` for the next page; null on the last page. Opaque and signed. */
            next_cursor: string | null;
        };
        UserProgress: {
            items: {
                total_lessons: number;
                completed_lessons: number;
                progress_percentage: number;
                is_completed: boolean;
                last_activity: string | null;
                course: {
                    id: string;
                    title: string;
                };
            }[];
        };
        CourseListResponse: {
            items: components["schemas"]["CourseResponse"][];
            /** @description Send it back as `cursor` for the next page; null on the last page. Opaque and signed. */
            next_cursor: string | null;
        };
        CourseResponse: {
            id: string;
            title: string;
            description: string;
            /** @enum {string} */
            difficulty_level: "BEGINNER" | "INTERMEDIATE" | "ADVANCED";
            estimated_duration_minutes: number;
            order: number;
            is_active: boolean;
            created_by: string;
            created_at: string;
            updated_at: string;
            /** @description A presigned GET (15 minutes), only for callers with access. */
            thumbnail_url: string | null;
            /** @enum {string} */
            thumbnail_status: "none" | "pending" | "ready" | "rejected";
            thumbnail_error: string | null;
            /** @description Only for callers with access to the course. */
            whatsapp_group_url: string | null;
            lessons_count: number;
            recipes_count: number;
            enrolled_count: number;
            comments_count: number;
            consolidated_recipe_pdf: {
                /** @enum {string} */
                status: "none" | "building" | "ready" | "failed";
                revision: number;
                page_count: number | null;
                size_bytes: number | null;
                updated_at: string | null;
            };
            /** @description A presigned GET (15 minutes) with a download file name, only for callers with access. */
            consolidated_recipe_pdf_url: string | null;
        };
        CoursePageResponse: {
            id: string;
            title: string;
            description: string;
            /** @enum {string} */
            difficulty_level: "BEGINNER" | "INTERMEDIATE" | "ADVANCED";
            estimated_duration_minutes: number;
            order: number;
            is_active: boolean;
            created_by: string;
            created_at: string;
            updated_at: string;
            /** @description A presigned GET (15 minutes), only for callers with access. */
            thumbnail_url: string | null;
            /** @enum {string} */
            thumbnail_status: "none" | "pending" | "ready" | "rejected";
            thumbnail_error: string | null;
            /** @description Only for callers with access to the course. */
            whatsapp_group_url: string | null;
            lessons_count: number;
            recipes_count: number;
            enrolled_count: number;
            comments_count: number;
            consolidated_recipe_pdf: {
                /** @enum {string} */
                status: "none" | "building" | "ready" | "failed";
                revision: number;
                page_count: number | null;
                size_bytes: number | null;
                updated_at: string | null;
            };
            /** @description A presigned GET (15 minutes) with a download file name, only for callers with access. */
            consolidated_recipe_pdf_url: string | null;
            lessons: components["schemas"]["LessonResponse"][];
            recipes: components["schemas"]["RecipeResponse"][];
            access: components["schemas"]["CourseAccessResponse"];
        };
        LessonResponse: {
            id: string;
            course_id: string;
            title: string;
            description: string | null;
            order: number;
            /** @description A presigned GET (15 minutes) for callers who may watch the lesson. */
            video_url: string | null;
            /** @enum {string} */
            video_status: "none" | "pending" | "ready" | "rejected";
            video_error: string | null;
            video_duration: number | null;
            is_preview: boolean;
            is_active: boolean;
            created_at: string;
            updated_at: string;
            /** @description The caller has completed the lesson. */
            user_completed?: boolean;
            /** @description Where the caller stopped watching, in seconds. */
            user_last_position?: number | null;
            /** @description When the caller completed the lesson. */
            user_completed_at?: string | null;
        };
        RecipeResponse: {
            id: string;
            course_id: string;
            title: string;
            description: string | null;
            recipe_text: string | null;
            order: number;
            /** @description A presigned GET (15 minutes) for callers with access. */
            image_url: string | null;
            /** @enum {string} */
            image_status: "none" | "pending" | "ready" | "rejected";
            /** @description Why the last upload was refused, in words an admin understands. */
            image_error: string | null;
            is_active: boolean;
            created_at: string;
            updated_at: string;
        };
        /** @description `granted: false`: the caller sees the summary and the preview lessons only. */
        CourseAccessResponse: {
            /** @constant */
            granted: true;
            /** @enum {string} */
            via: "admin" | "membership" | "enrollment";
            /** @description When the membership or enrollment ends; null when it does not. */
            ends_at: string | null;
        } | {
            /** @constant */
            granted: false;
            via: null;
            ends_at: null;
        };
        PresignedUploadResponse: {
            /** @description POST a multipart form here: every entry of `fields`, then the file as `file`. */
            url: string;
            fields: {
                [key: string]: string;
            };
            /** @description Where the upload lands; processing starts when it does. */
            key: string;
            max_bytes: number;
            /** @description The form is refused after this moment (15 minutes). */
            expires_at: string;
        };
        StudentListResponse: {
            items: components["schemas"]["StudentResponse"][];
            /** @description Send it back as `cursor` for the next page; null on the last page. Opaque and signed. */
            next_cursor: string | null;
        };
        StudentResponse: {
            user: components["schemas"]["UserResponse"];
            enrollment: {
                id: string;
                enrolled_at: string;
                expires_at: string | null;
                is_active: boolean;
                /** @description Switched on and not expired: the enrollment opens the course right now. */
                active_now: boolean;
            };
        };
        LessonListResponse: {
            items: components["schemas"]["LessonResponse"][];
            /** @description Send it back as `cursor` for the next page; null on the last page. Opaque and signed. */
            next_cursor: string | null;
        };
        RecipeListResponse: {
            items: components["schemas"]["RecipeResponse"][];
            /** @description Send it back as `cursor` for the next page; null on the last page. Opaque and signed. */
            next_cursor: string | null;
        };
        CourseProgress: {
            total_lessons: number;
            completed_lessons: number;
            progress_percentage: number;
            is_completed: boolean;
            last_activity: string | null;
            course_id: string;
            lessons: {
                lesson_id: string;
                title: string;
                order: number;
                completed: boolean;
                last_watched_position: number | null;
                completed_at: string | null;
            }[];
            students: {
                total_lessons: number;
                completed_lessons: number;
                progress_percentage: number;
                is_completed: boolean;
                last_activity: string | null;
                user: {
                    id: string;
                    full_name: string;
                    email: string;
                };
                lessons: {
                    lesson_id: string;
                    completed: boolean;
                    last_watched_position: number | null;
                    completed_at: string | null;
                }[];
            }[] | null;
        };
        LessonProgress: {
            lesson_id: string;
            course_id: string;
            completed: boolean;
            last_watched_position: number | null;
            completed_at: string | null;
            updated_at: string | null;
        };
        /** @description A thread with its visible replies (oldest first), or one reply (`replies` empty). */
        Comment: {
            id: string;
            course_id: string;
            thread_id: string;
            parent_id: string | null;
            content: string | null;
            is_admin_response: boolean;
            is_active: boolean;
            is_deleted: boolean;
            replies_count: number;
            created_at: string;
            updated_at: string;
            user: {
                id: string;
                full_name: string;
                is_admin: boolean;
            } | null;
            replies: components["schemas"]["CommentReply"][];
        };
        CommentReply: {
            id: string;
            course_id: string;
            thread_id: string;
            parent_id: string | null;
            content: string | null;
            is_admin_response: boolean;
            is_active: boolean;
            is_deleted: boolean;
            replies_count: number;
            created_at: string;
            updated_at: string;
            user: {
                id: string;
                full_name: string;
                is_admin: boolean;
            } | null;
        };
        DashboardStats: {
            users: {
                total: number;
                active: number;
            };
            courses: {
                total: number;
                active: number;
            };
            active_enrollments: number;
            active_memberships: number;
            lesson_completions: number;
            comments_last_7_days: number;
            generated_at: string;
        };
        CourseWithProgress: {
            id: string;
            title: string;
            description: string;
            /** @enum {string} */
            difficulty_level: "BEGINNER" | "INTERMEDIATE" | "ADVANCED";
            estimated_duration_minutes: number;
            order: number;
            is_active: boolean;
            created_by: string;
            created_at: string;
            updated_at: string;
            /** @description A presigned GET (15 minutes), only for callers with access. */
            thumbnail_url: string | null;
            /** @enum {string} */
            thumbnail_status: "none" | "pending" | "ready" | "rejected";
            thumbnail_error: string | null;
            /** @description Only for callers with access to the course. */
            whatsapp_group_url: string | null;
            lessons_count: number;
            recipes_count: number;
            enrolled_count: number;
            comments_count: number;
            consolidated_recipe_pdf: {
                /** @enum {string} */
                status: "none" | "building" | "ready" | "failed";
                revision: number;
                page_count: number | null;
                size_bytes: number | null;
                updated_at: string | null;
            };
            /** @description A presigned GET (15 minutes) with a download file name, only for callers with access. */
            consolidated_recipe_pdf_url: string | null;
            total_lessons: number;
            completed_lessons: number;
            progress_percentage: number;
            is_completed: boolean;
            last_activity: string | null;
            user_enrolled_at: string | null;
            access: {
                /** @enum {string} */
                via: "admin" | "membership" | "enrollment";
                ends_at: string | null;
            };
        };
        MyProgress: {
            courses_total: number;
            courses_completed: number;
            courses_in_progress: number;
            courses_not_started: number;
            lessons_total: number;
            lessons_completed: number;
            progress_percentage: number;
            last_activity: string | null;
        };
        EnrollmentListResponse: {
            items: components["schemas"]["EnrollmentResponse"][];
            /** @description Send it back as `cursor` for the next page; null on the last page. Opaque and signed. */
            next_cursor: string | null;
        };
        EnrollmentResponse: {
            id: string;
            user_id: string;
            course_id: string;
            enrolled_at: string;
            expires_at: string | null;
            is_active: boolean;
            granted_by: string;
            user: components["schemas"]["UserResponse"];
            course: components["schemas"]["CourseResponse"];
        };
        MembershipListResponse: {
            items: components["schemas"]["MembershipResponse"][];
            /** @description Send it back as `cursor` for the next page; null on the last page. Opaque and signed. */
            next_cursor: string | null;
        };
        MembershipResponse: {
            id: string;
            user_id: string;
            /** @enum {string} */
            membership_type: "FULL_ACCESS";
            start_date: string;
            end_date: string;
            is_active: boolean;
            granted_by: string;
            notes: string | null;
            created_at: string;
            user: components["schemas"]["UserResponse"];
        };
    };
    responses: {
        /** @description The request is not valid: `errors` lists each field (`body.title`, `query.limit`, `path.id`) and what to fix. A query parameter the operation does not list is one of them. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No valid credentials: the access token is missing, expired or revoked, or the account is deactivated. */
        Unauthorized: {
            headers: {
                /** @description Always `Bearer realm="dulcevicio"`. */
                "WWW-Authenticate"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Signed in, but not allowed: the route is for admins, or the course is not open to the caller. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Nothing with that id (or nothing the caller may see). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The change conflicts with the current data (something taken, a duplicate) or with a change made at the same moment. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `If-Match` does not hold the current ETag: reload and apply the change again. */
        PreconditionFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The JSON body is over 256 KB. */
        ContentTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body is not sent as `Content-Type: application/json`. */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Too many failed sign-ins for this account or address. */
        TooManyRequests: {
            headers: {
                /** @description Seconds to wait. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The API cannot reach its database right now. */
        ServiceUnavailable: {
            headers: {
                /** @description Seconds to wait. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: never;
    requestBodies: {
        LoginRequest: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    password: string;
                };
            };
        };
        RefreshRequest: {
            content: {
                "application/json": {
                    refresh_token: string;
                };
            };
        };
        LogoutRequest: {
            content: {
                "application/json": {
                    refresh_token: string;
                };
            };
        };
        UpdateProfileRequest: {
            content: {
                "application/json": {
                    full_name?: string;
                    username?: string | null;
                    avatar_url?: string | null;
                };
            };
        };
        ChangePasswordRequest: {
            content: {
                "application/json": {
                    current_password: string;
                    new_password: string;
                    confirm_password: string;
                };
            };
        };
        CreateUserRequest: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    password: string;
                    full_name: string;
                    username?: string;
                    /**
                     * @default USER
                     * @enum {string}
                     */
                    role?: "ADMIN" | "USER";
                };
            };
        };
        UpdateUserRequest: {
            content: {
                "application/json": {
                    full_name?: string;
                    username?: string | null;
                    avatar_url?: string | null;
                    is_active?: boolean;
                };
            };
        };
        CreateCourseRequest: {
            content: {
                "application/json": {
                    title: string;
                    description: string;
                    /**
                     * @default BEGINNER
                     * @enum {string}
                     */
                    difficulty_level?: "BEGINNER" | "INTERMEDIATE" | "ADVANCED";
                    /** @default 0 */
                    estimated_duration_minutes?: number;
                    /** @default 0 */
                    order?: number;
                    /** @default true */
                    is_active?: boolean;
                };
            };
        };
        UpdateCourseRequest: {
            content: {
                "application/json": {
                    title?: string;
                    description?: string;
                    /** @enum {string} */
                    difficulty_level?: "BEGINNER" | "INTERMEDIATE" | "ADVANCED";
                    estimated_duration_minutes?: number;
                    order?: number;
                    is_active?: boolean;
                };
            };
        };
        SetWhatsappGroupRequest: {
            content: {
                "application/json": {
                    whatsapp_group_url: string | null;
                };
            };
        };
        CreateLessonRequest: {
            content: {
                "application/json": {
                    title: string;
                    description?: string;
                    /** @default 1 */
                    order?: number;
                    /** @default false */
                    is_preview?: boolean;
                    /** @default true */
                    is_active?: boolean;
                };
            };
        };
        UpdateLessonRequest: {
            content: {
                "application/json": {
                    title?: string;
                    description?: string | null;
                    order?: number;
                    is_preview?: boolean;
                    is_active?: boolean;
                };
            };
        };
        CreateRecipeRequest: {
            content: {
                "application/json": {
                    title: string;
                    description?: string;
                    recipe_text?: string;
                    /** @default 1 */
                    order?: number;
                    /** @default true */
                    is_active?: boolean;
                };
            };
        };
        UpdateRecipeRequest: {
            content: {
                "application/json": {
                    title?: string;
                    description?: string | null;
                    recipe_text?: string | null;
                    order?: number;
                    is_active?: boolean;
                };
            };
        };
        WriteCommentRequest: {
            content: {
                "application/json": {
                    content: string & (unknown & unknown);
                };
            };
        };
        CreateEnrollmentRequest: {
            content: {
                "application/json": {
                    user_id: string;
                    course_id: string;
                    /** @description When access ends: a moment in the future (an earlier one is a 400). Absent or null: no end. */
                    expires_at?: string | null;
                };
            };
        };
        UpdateEnrollmentRequest: {
            content: {
                "application/json": {
                    expires_at?: string | null;
                    is_active?: boolean;
                };
            };
        };
        CreateMembershipRequest: {
            content: {
                "application/json": {
                    user_id: string;
                    /** Format: date-time */
                    start_date: string;
                    /** Format: date-time */
                    end_date: string;
                    notes?: string | null;
                };
            };
        };
        UpdateMembershipRequest: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    start_date?: string;
                    /** Format: date-time */
                    end_date?: string;
                    is_active?: boolean;
                    notes?: string | null;
                };
            };
        };
    };
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    healthGet: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        status: "ok";
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    authJwks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JwksResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
        };
    };
    docsOpenapi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        openapi: "3.1.0";
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
        };
    };
    docsPage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            400: components["responses"]["BadRequest"];
        };
    };
    docsAsset: {
        parameters: {
            query?: never;
            header?: {
                /** @description `gzip` (or `*`) gets the file gzip-encoded, as `Content-Encoding` then says. */
                "Accept-Encoding"?: string;
            };
            path: {
                /** @description A file of the docs page: swagger-ui-bundle.js or swagger-ui.css. */
                asset: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/*": string;
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
        };
    };
    authLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["LoginRequest"];
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPairResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    authRefresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["RefreshRequest"];
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPairResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    authLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["LogoutRequest"];
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    authGetMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    authUpdateMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["UpdateProfileRequest"];
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    authChangePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["ChangePasswordRequest"];
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPairResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    usersList: {
        parameters: {
            query?: {
                /** @description Page size: how many items to answer at most, in plain digits. */
                limit?: number;
                /** @description The `next_cursor` of the previous page; leave it out for the first page. A cursor works only on the list, with the filters, and for the account it was handed to: any other is a 400. */
                cursor?: string;
                role?: "ADMIN" | "USER";
                is_active?: "true" | "false";
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserListResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    usersCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["CreateUserRequest"];
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    usersGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    usersUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["UpdateUserRequest"];
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    usersDeactivate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    usersProgress: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserProgress"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    coursesList: {
        parameters: {
            query?: {
                /** @description Page size: how many items to answer at most, in plain digits. */
                limit?: number;
                /** @description The `next_cursor` of the previous page; leave it out for the first page. A cursor works only on the list, with the filters, and for the account it was handed to: any other is a 400. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CourseListResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    coursesCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["CreateCourseRequest"];
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The course's version. Send it back as `If-Match` to update the course only if nobody changed it since you read it. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CourseResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    coursesGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The course's version. Send it back as `If-Match` to update the course only if nobody changed it since you read it. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CoursePageResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    coursesUpdate: {
        parameters: {
            query?: never;
            header?: {
                /** @description The course's `ETag` from a read, like `"v3"`: the update is refused with 412 if the course changed since. Without it, the last write wins. */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["UpdateCourseRequest"];
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The course's version. Send it back as `If-Match` to update the course only if nobody changed it since you read it. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CourseResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    coursesDelete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    coursesSetWhatsappGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["SetWhatsappGroupRequest"];
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CourseResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    coursesUploadThumbnail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    content_type: "image/jpeg" | "image/png" | "image/webp";
                    filename?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PresignedUploadResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    coursesGenerateRecipePdf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CourseResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    coursesStudents: {
        parameters: {
            query?: {
                /** @description Page size: how many items to answer at most, in plain digits. */
                limit?: number;
                /** @description The `next_cursor` of the previous page; leave it out for the first page. A cursor works only on the list, with the filters, and for the account it was handed to: any other is a 400. */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StudentListResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    lessonsList: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LessonListResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    lessonsCreate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["CreateLessonRequest"];
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LessonResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    lessonsGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LessonResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    lessonsUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["UpdateLessonRequest"];
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LessonResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    lessonsDelete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    lessonsUploadVideo: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    content_type: "video/mp4" | "video/webm" | "video/quicktime";
                    filename?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PresignedUploadResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    recipesList: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecipeListResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    recipesCreate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["CreateRecipeRequest"];
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecipeResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    recipesGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecipeResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    recipesUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["UpdateRecipeRequest"];
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecipeResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    recipesDelete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    recipesUploadImage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    content_type: "image/jpeg" | "image/png" | "image/webp";
                    filename?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PresignedUploadResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    progressCourse: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CourseProgress"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    progressRecordPosition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Seconds into the video; once its length is known, at most that (past the end is a 400). */
                    last_watched_position: number;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LessonProgress"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    progressSetCompleted: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default true */
                    completed?: boolean;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LessonProgress"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    commentsList: {
        parameters: {
            query?: {
                /** @description Page size: how many items to answer at most, in plain digits. */
                limit?: number;
                /** @description The `next_cursor` of the previous page; leave it out for the first page. A cursor works only on the list, with the filters, and for the account it was handed to: any other is a 400. */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Comment"][];
                        /** @description Send it back as `cursor` for the next page; null on the last page. Opaque and signed. */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    commentsCreate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["WriteCommentRequest"];
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Comment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    commentsGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Comment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    commentsUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["WriteCommentRequest"];
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Comment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    commentsDelete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    commentsReply: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["WriteCommentRequest"];
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Comment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    commentsModerate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    is_active: boolean;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Comment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    dashboardStats: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DashboardStats"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    dashboardMyCourses: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["CourseWithProgress"][];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    dashboardMyProgress: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MyProgress"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    enrollmentsList: {
        parameters: {
            query?: {
                /** @description Page size: how many items to answer at most, in plain digits. */
                limit?: number;
                /** @description The `next_cursor` of the previous page; leave it out for the first page. A cursor works only on the list, with the filters, and for the account it was handed to: any other is a 400. */
                cursor?: string;
                user_id?: string;
                course_id?: string;
                active?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnrollmentListResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    enrollmentsCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["CreateEnrollmentRequest"];
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnrollmentResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    enrollmentsGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnrollmentResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    enrollmentsUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["UpdateEnrollmentRequest"];
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnrollmentResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    enrollmentsDelete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    membershipsList: {
        parameters: {
            query?: {
                /** @description Page size: how many items to answer at most, in plain digits. */
                limit?: number;
                /** @description The `next_cursor` of the previous page; leave it out for the first page. A cursor works only on the list, with the filters, and for the account it was handed to: any other is a 400. */
                cursor?: string;
                user_id?: string;
                active?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MembershipListResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    membershipsCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["CreateMembershipRequest"];
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MembershipResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    membershipsGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MembershipResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    membershipsUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["UpdateMembershipRequest"];
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MembershipResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    membershipsDelete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
}
