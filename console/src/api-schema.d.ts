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
    "/api/auth/me/upload-avatar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A presigned POST to upload the signed-in user's avatar straight to S3 (made a 256×256 JPEG)
         * @description For any signed-in user.
         */
        post: operations["authUploadAvatar"];
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
    "/api/lessons/{id}/video-uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start uploading the lesson video in parts: a presigned PUT per part
         * @description For admins.
         */
        post: operations["lessonsStartVideoUpload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lessons/{id}/video-uploads/{upload_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The parts of a video upload S3 holds, and fresh URLs for the missing ones (to resume)
         * @description For admins.
         */
        get: operations["lessonsGetVideoUpload"];
        put?: never;
        post?: never;
        /**
         * Abort a video upload and drop its parts
         * @description For admins.
         */
        delete: operations["lessonsAbortVideoUpload"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lessons/{id}/video-uploads/{upload_id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete a video upload once every part has arrived with the declared size
         * @description For admins.
         */
        post: operations["lessonsCompleteVideoUpload"];
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
    "/api/recipes/{id}/upload-pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A presigned POST to upload the recipe as a PDF (at most 20 pages) straight to S3
         * @description For admins.
         */
        post: operations["recipesUploadPdf"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/recipes/{id}/ocr": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Read the text of the recipe's photo again (OCR, queued)
         * @description For admins.
         */
        post: operations["recipesOcr"];
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
    "/api/comments/{id}/reactions/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * React to a comment (one of each kind per user)
         * @description For any signed-in user.
         */
        put: operations["commentsReact"];
        post?: never;
        /**
         * Take your reaction back
         * @description For any signed-in user.
         */
        delete: operations["commentsUnreact"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/courses/{id}/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A course's reviews, newest first (hidden ones for admins only)
         * @description For any signed-in user.
         */
        get: operations["reviewsList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/courses/{id}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Change your review of a course
         * @description For any signed-in user.
         */
        put: operations["reviewsUpdate"];
        /**
         * Review a course you have access to (one per student)
         * @description For any signed-in user.
         */
        post: operations["reviewsCreate"];
        /**
         * Delete your review of a course
         * @description For any signed-in user.
         */
        delete: operations["reviewsDelete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reviews/{id}/moderate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Hide or show a review
         * @description For admins.
         */
        put: operations["reviewsModerate"];
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
    "/api/dashboard/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Daily counts for the last days: new users, enrollments, lesson completions, comments
         * @description For admins.
         */
        get: operations["dashboardActivity"];
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
    "/api/dashboard/my-certificates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's certificates of completion, with a link to each PDF
         * @description For any signed-in user.
         */
        get: operations["dashboardMyCertificates"];
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
    "/api/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's in-app notifications, newest first, with the unread count
         * @description For any signed-in user.
         */
        get: operations["notificationsList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Mark one of the caller's notifications read
         * @description For any signed-in user.
         */
        put: operations["notificationsRead"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark every notification of the caller read
         * @description For any signed-in user.
         */
        post: operations["notificationsReadAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's email settings per topic
         * @description For any signed-in user.
         */
        get: operations["notificationsGetSettings"];
        /**
         * Switch email per topic on or off
         * @description For any signed-in user.
         */
        put: operations["notificationsUpdateSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/unsubscribe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The page an email's unsubscribe link opens: what it switches off, with a button (no sign-in)
         * @description For anyone: no credentials needed.
         */
        get: operations["notificationsUnsubscribePage"];
        put?: never;
        /**
         * RFC 8058 one-click unsubscribe: switch that topic's email off (no sign-in)
         * @description For anyone: no credentials needed.
         */
        post: operations["notificationsUnsubscribe"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/certificates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify a certificate: valid or revoked, with the name, the course and the date
         * @description For anyone: no credentials needed.
         */
        get: operations["certificatesVerify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/certificates/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a certificate
         * @description For admins.
         */
        post: operations["certificatesRevoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/certificates/{id}/reissue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reissue a certificate with the student's current name (the old one is revoked)
         * @description For admins.
         */
        post: operations["certificatesReissue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/enrollments/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a bulk enrollment from a CSV: a presigned POST for the file, whose dry run follows off the request
         * @description For admins.
         */
        post: operations["enrollmentsImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/enrollments/import/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An enrollment import: its status, and its dry-run and applied reports row by row
         * @description For admins.
         */
        get: operations["enrollmentsImportGet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/enrollments/import/{id}/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply a checked enrollment import (off the request; idempotent)
         * @description For admins.
         */
        post: operations["enrollmentsImportApply"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything stored about a user: starts building a JSON document, or answers the latest with its download (presigned)
         * @description For admins.
         */
        get: operations["usersExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything stored about the signed-in user: starts building a JSON document, or answers the latest with its download (presigned)
         * @description For any signed-in user.
         */
        get: operations["authExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/certificates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user's certificates, newest first (revoked ones too), with a link to each ready PDF
         * @description For admins.
         */
        get: operations["usersCertificates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit log: every admin change with old and new values, grouped by request (filters: target, actor, from, to)
         * @description For admins.
         */
        get: operations["auditList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/paths": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Learning paths with the caller's progress along each: all for an admin, for a student those holding a course they can open
         * @description For any signed-in user.
         */
        get: operations["pathsList"];
        put?: never;
        /**
         * Create a learning path: courses in an order
         * @description For admins.
         */
        post: operations["pathsCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/paths/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A learning path with the caller's progress in each of its courses
         * @description For any signed-in user.
         */
        get: operations["pathsGet"];
        /**
         * Change a learning path (its course list is replaced whole)
         * @description For admins.
         */
        put: operations["pathsUpdate"];
        post?: never;
        /**
         * Delete a learning path (its courses stay)
         * @description For admins.
         */
        delete: operations["pathsDelete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search courses, lessons and recipes the caller may see (accents, plurals and typos forgiven), with a highlighted snippet
         * @description For any signed-in user.
         */
        get: operations["searchQuery"];
        put?: never;
        post?: never;
        delete?: never;
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
            /** @description The uploaded avatar as a presigned GET (15 minutes), else the address set in the profile. */
            avatar_url: string | null;
            /**
             * @description The latest avatar upload (`POST /api/auth/me/upload-avatar`).
             * @enum {string}
             */
            avatar_status: "none" | "pending" | "ready" | "rejected";
            /** @description Why the last avatar upload was refused, in words a person understands. */
            avatar_error: string | null;
            created_at: string;
            updated_at: string;
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
            tags: string[];
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
            /** @description The average rating of the shown reviews (two decimals); null without any. */
            rating_avg: number | null;
            /** @description How many shown reviews there are. */
            rating_count: number;
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
            tags: string[];
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
            /** @description The average rating of the shown reviews (two decimals); null without any. */
            rating_avg: number | null;
            /** @description How many shown reviews there are. */
            rating_count: number;
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
            /** @description The summed duration of the course's active lessons' videos, in seconds. */
            total_video_seconds: number;
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
            /** @description Seconds, read from the video's container when it landed. */
            video_duration: number | null;
            /** @description As displayed (a portrait phone video is taller than wide). */
            video_width: number | null;
            video_height: number | null;
            /** @description The video track's codec as the container names it: `avc1`, `hvc1`, `V_VP9`… */
            video_codec: string | null;
            is_preview: boolean;
            is_active: boolean;
            created_at: string;
            updated_at: string;
            /** @enum {string} */
            kind: "video" | "text";
            /** @description Drip release relative to each student's access to the course, as set by an admin. */
            available_after_days: number | null;
            /** @description When the lesson opens for the caller: the fixed moment, or their access start plus available_after_days; null when it has no release rule (and, for an admin, when the rule is relative). */
            available_at: string | null;
            /** @description Not open yet for the caller (drip release): title and order show, video_url, body and body_html are null, progress is refused. */
            locked: boolean;
            /** @description A text lesson's Markdown, in `GET /api/lessons/{id}` only (lists and the course page leave it out), for callers who may read it. */
            body: string | null;
            /** @description The body as sanitized HTML (no scripts, event handlers or foreign images; images as 15-minute presigned links), with `body`. */
            body_html: string | null;
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
            /**
             * @description What the recipe's pages in the course PDF come from: its photo or its PDF, one at a time (uploading the other kind replaces it). `image_status` and `image_error` follow the latest upload of either kind.
             * @enum {string}
             */
            source: "none" | "image" | "pdf";
            /** @description A presigned GET (15 minutes) of the recipe's PDF (its pages, cleaned of anything active), for callers with access. */
            pdf_url: string | null;
            /** @description Pages the recipe takes in the course PDF: its PDF's pages, 1 for a photo, null without either. */
            page_count: number | null;
            /** @description Who wrote `recipe_text`: an admin (never replaced by OCR) or OCR (replaced by the next photo's or PDF's text). Null without a text. Admins only. */
            recipe_text_source: ("admin" | "ocr") | null;
            /** @description Reading the text of the photo (OCR) or of the PDF (the text it carries; a scanned PDF has none): none (nothing to read), pending, ready, failed (see `ocr_error`). A handwritten or blurred photo is ready with a low confidence. Admins only. */
            ocr_status: ("none" | "pending" | "ready" | "failed") | null;
            /** @description The text read from the current photo or PDF. Admins only. */
            ocr_text: string | null;
            /** @description Tesseract's mean confidence, 0-100: below ~60 the text is mostly guesswork. Null for a PDF's own text. Admins only. */
            ocr_confidence: number | null;
            /** @description Why the photo's text could not be read. Admins only. */
            ocr_error: string | null;
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
            /** @description When the caller's access to the course began (what drip release counts from); null for admins. */
            since: string | null;
        } | {
            /** @constant */
            granted: false;
            via: null;
            ends_at: null;
            since: null;
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
        VideoUploadResponse: {
            upload_id: string;
            /** @description Where the video lands once completed; the probe then sets the lesson's video_status. */
            key: string;
            content_type: string;
            size: number;
            /** @description Every part but the last holds exactly this many bytes (8–64 MiB); part n starts at (n − 1) × part_size. */
            part_size: number;
            part_count: number;
            /** @description The parts S3 already holds. */
            received: {
                n: number;
                size: number;
                etag: string;
            }[];
            received_bytes: number;
            /** @description A presigned PUT for every part still missing: send the part's bytes as the body. GET the upload again for fresh URLs. */
            parts: {
                n: number;
                url: string;
            }[];
            /** @description The part URLs are refused after this moment (1 hour). */
            expires_at: string;
        };
        /** @description The video is assembled; the lesson's video_status turns ready (or rejected, with video_error) once it is probed. */
        CompletedVideoUploadResponse: {
            upload_id: string;
            key: string;
            size: number;
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
            reactions: components["schemas"]["ReactionCounts"];
            /** @description The caller's own reactions on this comment. */
            my_reactions: ("like" | "love" | "yum" | "clap" | "thanks")[];
            replies: components["schemas"]["CommentReply"][];
        };
        /** @description How many users reacted with each kind. */
        ReactionCounts: {
            like: number;
            love: number;
            yum: number;
            clap: number;
            thanks: number;
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
            reactions: components["schemas"]["ReactionCounts"];
            /** @description The caller's own reactions on this comment. */
            my_reactions: ("like" | "love" | "yum" | "clap" | "thanks")[];
        };
        Reactions: {
            comment_id: string;
            reactions: components["schemas"]["ReactionCounts"];
            /** @description The caller's own reactions on the comment. */
            my_reactions: ("like" | "love" | "yum" | "clap" | "thanks")[];
        };
        ReviewPage: {
            items: components["schemas"]["Review"][];
            /** @description Send it back as `cursor` for the next page; null on the last page. Opaque and signed. */
            next_cursor: string | null;
        };
        Review: {
            id: string;
            course_id: string;
            user_id: string;
            /** @description The author's full name; null once their account is gone. */
            author_name: string | null;
            rating: number;
            text: string | null;
            /** @description false: hidden by a moderator (listed to admins only, not in the course's rating). */
            is_active: boolean;
            created_at: string;
            updated_at: string;
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
        DashboardActivity: {
            days: {
                date: string;
                new_users: number;
                new_enrollments: number;
                lesson_completions: number;
                comments: number;
            }[];
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
            tags: string[];
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
            /** @description The average rating of the shown reviews (two decimals); null without any. */
            rating_avg: number | null;
            /** @description How many shown reviews there are. */
            rating_count: number;
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
        MyCertificates: {
            items: components["schemas"]["Certificate"][];
        };
        Certificate: {
            id: string;
            course_id: string;
            course_title: string;
            full_name: string;
            completed_on: string;
            issued_at: string;
            /** @enum {string} */
            status: "valid" | "revoked";
            /** @description The public page the PDF's QR code points to. */
            verification_url: string;
            /**
             * @description `pending` for the few seconds the PDF takes to be written after issuing.
             * @enum {string}
             */
            pdf_status: "pending" | "ready";
            /** @description A 15-minute link to the PDF once ready. */
            pdf_url: string | null;
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
        /** @description An in-app notification (kept 90 days). */
        Notification: {
            id: string;
            /** @enum {string} */
            kind: "access_granted" | "access_extended" | "access_ending" | "forum_reply" | "admin_response" | "new_lesson";
            course_id: string | null;
            title: string;
            body: string;
            link: string;
            created_at: string;
            read: boolean;
            read_at: string | null;
        };
        NotificationSettings: {
            /** @description Email on (true) or off per topic; in-app notifications are always kept. */
            email: {
                /** @description Email about acceso concedido o ampliado. */
                access_granted: boolean;
                /** @description Email about acceso a punto de terminar. */
                access_ending: boolean;
                /** @description Email about respuestas en el foro. */
                forum: boolean;
                /** @description Email about lecciones nuevas. */
                new_lessons: boolean;
            };
        };
        /** @description Public: nothing else of the student is shown. */
        CertificateVerification: {
            id: string;
            /**
             * @description `revoked`: withdrawn by an admin, or replaced by a reissued certificate.
             * @enum {string}
             */
            status: "valid" | "revoked";
            full_name: string;
            course_title: string;
            /** @description The day the last lesson was completed (YYYY-MM-DD, UTC). */
            completed_on: string;
        };
        /** @description Upload the CSV with `upload` (a presigned POST); its dry run follows on its own: read it with GET /api/enrollments/import/{id}. */
        StartImportResponse: {
            import: components["schemas"]["ImportResponse"];
            upload: components["schemas"]["PresignedUploadResponse"];
        };
        ImportResponse: {
            id: string;
            /**
             * @description awaiting_upload → checking → checked (the dry run is ready) → applying → applied; failed when the file as a whole cannot be read (see error).
             * @enum {string}
             */
            status: "awaiting_upload" | "checking" | "checked" | "applying" | "applied" | "failed";
            filename: string | null;
            created_by: string;
            created_at: string;
            error: string | null;
            /** @description What applying would do, row by row; once checked. */
            dry_run: components["schemas"]["ImportReport"] | null;
            applied_by: string | null;
            applied_at: string | null;
            /** @description What applying did, row by row; once applied. */
            applied: components["schemas"]["ImportReport"] | null;
        };
        ImportReport: {
            summary: {
                rows: number;
                created: number;
                already_enrolled: number;
                extended: number;
                unknown_email: number;
                unknown_course: number;
                bad_date: number;
                duplicate: number;
                invalid: number;
            };
            rows: components["schemas"]["ImportReportRow"][];
            /** @description The same report as a CSV (cells that a spreadsheet would run as formulas are neutralized), for 15 minutes. */
            report_url: string;
        };
        ImportReportRow: {
            /** @description Where the row starts in the file (the header, when there is one, is line 1). */
            line: number;
            /** @description The row's cells as the file has them. */
            email: string;
            course: string;
            expires_at: string;
            /**
             * @description created; already_enrolled (nothing to change: an import never shortens access); extended (a later end date, or none); unknown_email; unknown_course (or a title several courses share); bad_date (unreadable, or already passed); duplicate (the same person and course as an earlier row); invalid (no email or no course).
             * @enum {string}
             */
            result: "created" | "already_enrolled" | "extended" | "unknown_email" | "unknown_course" | "bad_date" | "duplicate" | "invalid";
            /** @description A sentence for the admin. */
            detail: string;
            enrollment_id: string | null;
        };
        PersonalDataExport: {
            export_id: string;
            /**
             * @description `building` off the request (ask again in a few seconds), or `ready` with its download.
             * @enum {string}
             */
            status: "building" | "ready";
            requested_at: string;
            /** @description When the document was built (ready only). */
            exported_at?: string;
            /** @description Ready only: a presigned GET of the JSON document (profile, enrollments, memberships, progress, comments, reviews, reactions, certificates, notifications and their settings), good for 15 minutes. */
            url?: string;
            /** @description Ready only: when the link stops working. */
            expires_at?: string;
            /** @description How many items of each kind the document holds. */
            counts?: {
                enrollments: number;
                memberships: number;
                progress: number;
                comments: number;
                reviews: number;
                reactions: number;
                certificates: number;
                notifications: number;
                failed_sign_ins: number;
            };
        };
        /** @description Changes grouped by the request that made them, newest first. `limit` counts changes: a request with more than fit in a page continues at the top of the next one, in a group with the same `request_id`. */
        AuditPage: {
            items: components["schemas"]["AuditGroup"][];
            /** @description Send it back as `cursor` for the next page; null on the last page. Opaque and signed. */
            next_cursor: string | null;
        };
        AuditGroup: {
            /** @description The request (its `x-request-id`): every change it made is in this group. */
            request_id: string;
            /** @description When the request started. */
            at: string;
            /** @description What the admin called: `PUT /api/courses/{id}`. */
            route: string;
            actor: components["schemas"]["AuditActor"];
            /** @description In the order the request made them. */
            changes: components["schemas"]["AuditChange"][];
        };
        AuditActor: {
            id: string;
            email: string | null;
            full_name: string | null;
        };
        AuditChange: {
            /** @description The entry's id (the table stream record it came from). */
            id: string;
            target: {
                /** @description What kind of item: `course`, `lesson`, `enrollment`, `user`, `comment` … */
                type: string;
                /** @description Its id (for items keyed by several ids, those ids joined by `/`). */
                id: string;
            };
            /** @enum {string} */
            action: "created" | "updated" | "deleted";
            /** @description What changed; everything it held when created or deleted. */
            fields: components["schemas"]["AuditField"][];
        };
        AuditField: {
            /** @description The attribute, as the item stores it (`title`, `expires_at`, …). */
            name: string;
            /** @description Its value before the change; null when it had none (a creation). */
            old: unknown;
            /** @description Its value after the change; null when it has none (a deletion). */
            new: unknown;
            /**
             * @description A secret (a password's hash, a token …): it changed, and its values are never shown.
             * @constant
             */
            redacted?: true;
            /**
             * @description A long value, clipped to its first 2,000 characters (a list to the items that fit).
             * @constant
             */
            truncated?: true;
        };
        LearningPathList: {
            items: components["schemas"]["LearningPath"][];
        };
        LearningPath: {
            id: string;
            title: string;
            description: string;
            is_active: boolean;
            /** @description As stored, in order (admins edit this list; a deleted course may still be named). */
            course_ids: string[];
            /** @description The courses the caller sees, in the path's order, with the caller's progress in each. */
            courses: components["schemas"]["PathCourse"][];
            /** @description The caller's progress across the path: its lessons and courses counted together. */
            progress: {
                total_courses: number;
                completed_courses: number;
                /** @description Active lessons. */
                total_lessons: number;
                completed_lessons: number;
                /** @description 0–100, one decimal. */
                progress_percentage: number;
                is_completed: boolean;
                /** @description The first course of the path not completed yet that the caller can open; null when none. */
                next_course_id: string | null;
            };
            created_at: string;
            updated_at: string;
        };
        PathCourse: {
            id: string;
            title: string;
            is_active: boolean;
            /** @description The caller has access to this course (the access rule). */
            can_open: boolean;
            /** @description Active lessons. */
            total_lessons: number;
            completed_lessons: number;
            /** @description 0–100, one decimal. */
            progress_percentage: number;
            is_completed: boolean;
            last_activity: string | null;
        };
        SearchResponse: {
            items: components["schemas"]["SearchHitResponse"][];
            /** @description Send it back as `cursor` for the next page; null on the last page. Opaque and signed. */
            next_cursor: string | null;
        };
        SearchHitResponse: {
            /** @enum {string} */
            kind: "course" | "lesson" | "recipe";
            id: string;
            course_id: string;
            course_title: string;
            title: string;
            /** @description Relevance; hits come best first. */
            score: number;
            snippet: {
                /** @description The field the text comes from (title, description, tags, recipe_text). */
                field: string;
                /** @description Plain text, never HTML: insert it as text (docs/api-contract.md, "Search highlighting"). */
                text: string;
                /** @description The matched words: UTF-16 offsets into `text` (`text.slice(start, end)`), in order. */
                highlights: {
                    start: number;
                    end: number;
                }[];
            };
            /** @description Recipes: the page of the course's recipe PDF where the recipe starts; null when unknown. */
            pdf_page: number | null;
            /** @description A lesson not yet open to the caller (drip release): found by its title only. */
            locked: boolean;
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
                    /** @default [] */
                    tags?: string[];
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
                    tags?: string[];
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
                    /** @description Position among the course's lessons; without it the lesson goes to the end. */
                    order?: number;
                    /** @default false */
                    is_preview?: boolean;
                    /** @default true */
                    is_active?: boolean;
                    /**
                     * @description A video lesson plays its uploaded video; a text lesson shows its `body`. Fixed once created.
                     * @default video
                     * @enum {string}
                     */
                    kind?: "video" | "text";
                    /** @description Required for a text lesson, refused for a video lesson. */
                    body?: string & (unknown & unknown);
                    /**
                     * Format: date-time
                     * @description Drip release: the lesson opens to students at this moment. Not with available_after_days.
                     */
                    available_at?: string;
                    /** @description Drip release: the lesson opens this many days after the student's access to the course began (enrollment or membership start, whichever first). Not with available_at. */
                    available_after_days?: number;
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
                    /** @description Text lessons only: the new Markdown. */
                    body?: string & (unknown & unknown);
                    /** @description Drip release at a fixed moment (replaces available_after_days); null: no fixed moment. */
                    available_at?: string | null;
                    /** @description Drip release relative to each student's access (replaces available_at); null: none. */
                    available_after_days?: number | null;
                };
            };
        };
        CreateRecipeRequest: {
            content: {
                "application/json": {
                    title: string;
                    description?: string;
                    recipe_text?: string;
                    /** @description Position among the course's recipes (and the PDF's pages); without it the recipe goes to the end. */
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
        ReviewRequest: {
            content: {
                "application/json": {
                    rating: number;
                    /** @description Plain text (never read as HTML); empty or absent: a rating alone. */
                    text?: string;
                };
            };
        };
        ModerateReviewRequest: {
            content: {
                "application/json": {
                    is_active: boolean;
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
        UpdateNotificationSettingsRequest: {
            content: {
                "application/json": {
                    email: {
                        /** @description Email about acceso concedido o ampliado. */
                        access_granted?: boolean;
                        /** @description Email about acceso a punto de terminar. */
                        access_ending?: boolean;
                        /** @description Email about respuestas en el foro. */
                        forum?: boolean;
                        /** @description Email about lecciones nuevas. */
                        new_lessons?: boolean;
                    };
                };
            };
        };
        RevokeCertificateRequest: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        StartImportRequest: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    content_type: "text/csv" | "application/vnd.ms-excel" | "text/plain";
                    /** @description Shown in the import and in its reports' names. */
                    filename?: string;
                };
            };
        };
        CreatePathRequest: {
            content: {
                "application/json": {
                    title: string;
                    /** @default  */
                    description?: string;
                    /** @description The path's courses, in the order a student should take them. */
                    course_ids: string[];
                    /**
                     * @description false: a draft, shown to admins only.
                     * @default true
                     */
                    is_active?: boolean;
                };
            };
        };
        UpdatePathRequest: {
            content: {
                "application/json": {
                    title?: string;
                    description?: string;
                    /** @description Replaces the whole list (a reorder sends the new order). */
                    course_ids?: string[];
                    is_active?: boolean;
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
    authUploadAvatar: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    content_type: "image/jpeg" | "image/png" | "image/webp" | "image/heic" | "image/heif" | "image/tiff";
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
                /** @description Only courses carrying this tag. */
                tag?: string;
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
                    content_type: "image/jpeg" | "image/png" | "image/webp" | "image/heic" | "image/heif" | "image/tiff";
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
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    lessonsStartVideoUpload: {
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
                    /** @description The file's exact size in bytes: completion checks the parts add up to it. */
                    size: number;
                    filename?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VideoUploadResponse"];
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
    lessonsGetVideoUpload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                upload_id: string;
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
                    "application/json": components["schemas"]["VideoUploadResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    lessonsAbortVideoUpload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                upload_id: string;
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
    lessonsCompleteVideoUpload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                upload_id: string;
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
                    "application/json": components["schemas"]["CompletedVideoUploadResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
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
                    content_type: "image/jpeg" | "image/png" | "image/webp" | "image/heic" | "image/heif" | "image/tiff";
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
    recipesUploadPdf: {
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
                    content_type: "application/pdf";
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
    recipesOcr: {
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
                    "application/json": components["schemas"]["RecipeResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
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
            409: components["responses"]["Conflict"];
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
    commentsReact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                kind: "like" | "love" | "yum" | "clap" | "thanks";
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
                    "application/json": components["schemas"]["Reactions"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    commentsUnreact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                kind: "like" | "love" | "yum" | "clap" | "thanks";
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
                    "application/json": components["schemas"]["Reactions"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    reviewsList: {
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
                    "application/json": components["schemas"]["ReviewPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    reviewsUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["ReviewRequest"];
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Review"];
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
    reviewsCreate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["ReviewRequest"];
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Review"];
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
    reviewsDelete: {
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
    reviewsModerate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["ModerateReviewRequest"];
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Review"];
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
    dashboardActivity: {
        parameters: {
            query?: {
                days?: number;
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
                    "application/json": components["schemas"]["DashboardActivity"];
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
    dashboardMyCertificates: {
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
                    "application/json": components["schemas"]["MyCertificates"];
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
    notificationsList: {
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
                    "application/json": {
                        /** @description Newest first. */
                        items: components["schemas"]["Notification"][];
                        /** @description Send it back as `cursor` for the next page; null on the last page. Opaque and signed. */
                        next_cursor: string | null;
                        /** @description Unread notifications of the caller, over every page. */
                        unread_count: number;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    notificationsRead: {
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
                    "application/json": components["schemas"]["Notification"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    notificationsReadAll: {
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
                        unread_count: number;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    notificationsGetSettings: {
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
                    "application/json": components["schemas"]["NotificationSettings"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    notificationsUpdateSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["UpdateNotificationSettingsRequest"];
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationSettings"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    notificationsUnsubscribePage: {
        parameters: {
            query: {
                /** @description The token of the link in the email (List-Unsubscribe). */
                token: string;
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
                    "text/html": string;
                };
            };
            400: components["responses"]["BadRequest"];
        };
    };
    notificationsUnsubscribe: {
        parameters: {
            query: {
                /** @description The token of the link in the email (List-Unsubscribe). */
                token: string;
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
                    "text/html": string;
                };
            };
            400: components["responses"]["BadRequest"];
        };
    };
    certificatesVerify: {
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
                    "application/json": components["schemas"]["CertificateVerification"];
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
        };
    };
    certificatesRevoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["RevokeCertificateRequest"];
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Certificate"];
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
    certificatesReissue: {
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
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Certificate"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    enrollmentsImport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["StartImportRequest"];
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StartImportResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    enrollmentsImportGet: {
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
                    "application/json": components["schemas"]["ImportResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    enrollmentsImportApply: {
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
                    "application/json": components["schemas"]["ImportResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    usersExport: {
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
                    "application/json": components["schemas"]["PersonalDataExport"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    authExport: {
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
                    "application/json": components["schemas"]["PersonalDataExport"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    usersCertificates: {
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
                    "application/json": components["schemas"]["MyCertificates"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    auditList: {
        parameters: {
            query?: {
                /** @description Page size: how many items to answer at most, in plain digits. */
                limit?: number;
                /** @description The `next_cursor` of the previous page; leave it out for the first page. A cursor works only on the list, with the filters, and for the account it was handed to: any other is a 400. */
                cursor?: string;
                /** @description An item's id as the entries name it (`target.id`): a course's, a lesson's, an enrollment's …; its whole history. */
                target?: string;
                /** @description An admin's user id: only what they did. */
                actor?: string;
                /** @description Entries at or after this moment. */
                from?: string;
                /** @description Entries before this moment; must come after `from`, or the request is a 400. */
                to?: string;
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
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    pathsList: {
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
                    "application/json": components["schemas"]["LearningPathList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    pathsCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["CreatePathRequest"];
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LearningPath"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    pathsGet: {
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
                    "application/json": components["schemas"]["LearningPath"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    pathsUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["UpdatePathRequest"];
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LearningPath"];
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
    pathsDelete: {
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
    searchQuery: {
        parameters: {
            query: {
                /** @description Words to find; accents and case do not matter, plurals find singulars, words of 5+ letters forgive a typo. */
                q: string & (unknown & unknown);
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
                    "application/json": components["schemas"]["SearchResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
}
