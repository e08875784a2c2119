-- AlterEnum
ALTER TYPE "TokenKind" ADD VALUE 'GUICHET';


